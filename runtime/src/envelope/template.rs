//! The data an `envelope!` declaration compiles to, and the one routine that writes an error
//! through it.
//!
//! `envelope!` checks a template when it is compiled and emits it as a `const` of these types;
//! [`Object::serialize`] walks it, writing literals as they are and each slot from the error or the
//! render context, straight into the serializer.

use core::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::{ApiError, Code, Details, Message, RenderContext};

/// A JSON object of the template: its members in order, and the keys it writes itself.
#[derive(Clone, Copy, Debug)]
pub struct Object {
    /// The members, in the order they are written.
    pub members: &'static [Member],
    /// The keys of the object's own entries; flattened details never write these.
    pub keys: &'static [&'static str],
}

/// A member of a template object.
#[derive(Clone, Copy, Debug)]
pub enum Member {
    /// `"key": value`. When `value` is a slot without a value, the member is left out if
    /// `omit_if_absent`, and written as `null` otherwise.
    Entry {
        /// The member's name.
        key: &'static str,
        /// What the member holds.
        value: Node,
        /// Leave the member out, rather than write `null`, when its slot has no value.
        omit_if_absent: bool,
    },
    /// The error's details, flattened into this object as extra members.
    FlattenDetails,
}

/// A JSON value of the template.
#[derive(Clone, Copy, Debug)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A negative integer.
    Int(i64),
    /// A non-negative integer.
    Uint(u64),
    /// A number with a fraction or an exponent.
    Float(f64),
    /// A string.
    Str(&'static str),
    /// A value taken from the error or the render context; `null` in an array when it has none.
    Slot(Slot),
    /// A nested object.
    Object(Object),
    /// An array.
    Array(&'static [Node]),
}

/// A fact of the error, or a per-request value, that a template places in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The status, as a number: `404`.
    Status,
    /// The status, as a string: `"404"`, as JSON:API writes it.
    StatusString,
    /// The status's reason phrase, `"Not Found"`; none for an unregistered status.
    Reason,
    /// The code, a string or a number; none for an error without one.
    Code,
    /// The code, always as a string.
    CodeString,
    /// The public message.
    Message,
    /// The title, else the status's reason phrase.
    Title,
    /// `type_base` followed by the code, else `about:blank`.
    TypeUri,
    /// The details, as one object; none for an error without any.
    Details,
    /// The request id of the render context.
    RequestId,
    /// The instance of the render context.
    Instance,
}

impl Object {
    /// Writes `error` in this template's shape.
    pub fn serialize<E, S>(
        &self,
        error: &E,
        cx: &RenderContext<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer,
    {
        let mut map = serializer.serialize_map(Some(self.members.len()))?;
        for member in self.members {
            match *member {
                Member::Entry {
                    key,
                    value: Node::Slot(slot),
                    omit_if_absent,
                } => match SlotValue::of(slot, error, cx) {
                    Some(value) => map.serialize_entry(key, &value)?,
                    None if omit_if_absent => {}
                    None => map.serialize_entry(key, &())?,
                },
                Member::Entry { key, value, .. } => {
                    map.serialize_entry(
                        key,
                        &Bound {
                            node: &value,
                            error,
                            cx,
                        },
                    )?;
                }
                Member::FlattenDetails => error.details().serialize_flat(&mut map, self.keys)?,
            }
        }
        map.end()
    }
}

/// A template node together with what fills its slots.
struct Bound<'a, 'c, E: ?Sized> {
    node: &'a Node,
    error: &'a E,
    cx: &'a RenderContext<'c>,
}

impl<E: ApiError + ?Sized> Serialize for Bound<'_, '_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Bound { node, error, cx } = *self;
        match *node {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(value) => serializer.serialize_bool(value),
            Node::Int(value) => serializer.serialize_i64(value),
            Node::Uint(value) => serializer.serialize_u64(value),
            Node::Float(value) => serializer.serialize_f64(value),
            Node::Str(value) => serializer.serialize_str(value),
            Node::Slot(slot) => SlotValue::of(slot, error, cx).serialize(serializer),
            Node::Object(object) => object.serialize(error, cx, serializer),
            Node::Array(nodes) => {
                let mut seq = serializer.serialize_seq(Some(nodes.len()))?;
                for node in nodes {
                    seq.serialize_element(&Bound { node, error, cx })?;
                }
                seq.end()
            }
        }
    }
}

/// The value of a slot for one error, borrowed or computed without allocating.
enum SlotValue<'a, E: ?Sized> {
    Number(u16),
    NumberString(u16),
    Text(&'a str),
    Code(Code),
    CodeString(Code),
    Message(&'a E),
    TypeUri(&'static str, Code),
    Details(Details<'a>),
}

impl<'a, E: ApiError + ?Sized> SlotValue<'a, E> {
    fn of(slot: Slot, error: &'a E, cx: &RenderContext<'a>) -> Option<Self> {
        Some(match slot {
            Slot::Status => SlotValue::Number(error.status().as_u16()),
            Slot::StatusString => SlotValue::NumberString(error.status().as_u16()),
            Slot::Reason => SlotValue::Text(error.status().canonical_reason()?),
            Slot::Code => SlotValue::Code(error.code()?),
            Slot::CodeString => SlotValue::CodeString(error.code()?),
            Slot::Message => SlotValue::Message(error),
            Slot::Title => SlotValue::Text(error.title().or(error.status().canonical_reason())?),
            Slot::TypeUri => match (error.type_base(), error.code()) {
                (Some(base), Some(code)) => SlotValue::TypeUri(base, code),
                _ => SlotValue::Text("about:blank"),
            },
            Slot::Details => match error.details() {
                Details::None => return None,
                details => SlotValue::Details(details),
            },
            Slot::RequestId => SlotValue::Text(cx.request_id()?),
            Slot::Instance => SlotValue::Text(cx.instance()?),
        })
    }
}

impl<E: ApiError + ?Sized> Serialize for SlotValue<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            SlotValue::Number(number) => serializer.serialize_u16(*number),
            SlotValue::NumberString(number) => serializer.collect_str(number),
            SlotValue::Text(text) => serializer.serialize_str(text),
            SlotValue::Code(code) => code.serialize(serializer),
            SlotValue::CodeString(code) => serializer.collect_str(code),
            SlotValue::Message(error) => Message::new(*error).serialize(serializer),
            SlotValue::TypeUri(base, code) => serializer.collect_str(&TypeUri { base, code }),
            SlotValue::Details(details) => details.serialize(serializer),
        }
    }
}

/// `type_base` and the code, written as one string without joining them first.
struct TypeUri<'a> {
    base: &'a str,
    code: &'a Code,
}

impl fmt::Display for TypeUri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.base, self.code)
    }
}
