//! An envelope's template read straight from a body's bytes, borrowing from them: the typed
//! read, with no `Value` on the way and nothing allocated unless a string holds an escape.
//!
//! It accepts exactly what `read.rs` accepts with `strict`, or less: a body it does not read
//! (another shape, a member twice, a slot filled twice, more details than it holds) goes to the
//! generic reader, which then decides, so that the two readers cannot disagree.

use std::borrow::Cow;
use std::fmt;

use arrayvec::ArrayVec;

use serde::Deserialize as _;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use super::response::CodeRef;
use crate::envelope::{Member, Node, Presence, Slot};

/// The most details a body read in place may carry; one with more is read the generic way.
const MAX_DETAILS: usize = 8;

/// A detail as the body carries it: its name (one without escapes), and its value's JSON text.
pub(crate) type Detail<'a> = (&'a str, &'a RawValue);

/// What a body's slots held, borrowed from it.
pub(crate) struct Slots<'a> {
    pub code: Option<Code<'a>>,
    message: Option<Cow<'a, str>>,
    default_message: Option<Cow<'a, str>>,
    pub instance: Option<&'a str>,
    pub request_id: Option<&'a str>,
    details: ArrayVec<Detail<'a>, MAX_DETAILS>,
    /// How many objects and arrays enclose the value being read.
    depth: usize,
}

impl Default for Slots<'_> {
    fn default() -> Self {
        Slots {
            code: None,
            message: None,
            default_message: None,
            instance: None,
            request_id: None,
            details: ArrayVec::new(),
            depth: 0,
        }
    }
}

/// A code as the body writes it.
pub(crate) enum Code<'a> {
    Str(&'a str),
    Int(i64),
}

impl<'a> Slots<'a> {
    #[inline]
    pub fn code(&self) -> Option<CodeRef<'_>> {
        self.code.as_ref().map(|code| match code {
            Code::Str(code) => CodeRef::Str(code),
            Code::Int(code) => CodeRef::Int(*code),
        })
    }

    /// The message in the default language where the body has one, else the message: what
    /// templates read.
    #[inline]
    pub fn message(&self) -> Option<&str> {
        self.default_message.as_deref().or(self.message.as_deref())
    }

    #[inline]
    pub fn details(&self) -> &[Detail<'a>] {
        &self.details
    }

    /// Adds a detail; an error for one named twice (which the generic reader takes the last of)
    /// or one too many.
    fn add_detail<E: de::Error>(
        &mut self,
        name: Cow<'a, str>,
        value: &'a RawValue,
    ) -> Result<(), E> {
        let Cow::Borrowed(name) = name else {
            return Err(refuse());
        };
        self.check_depth(value)?;
        if self.details.iter().any(|(known, _)| same(known, name)) {
            return Err(refuse());
        }
        self.details.try_push((name, value)).map_err(|_| refuse())
    }
}

impl Slots<'_> {
    /// An error for a value nested deeper than the generic reader reads (127 levels in all),
    /// which this reader skips over without a limit.
    fn check_depth<E: de::Error>(&self, value: &RawValue) -> Result<(), E> {
        match self.depth + nesting(value.get()) > MAX_DEPTH {
            true => Err(refuse()),
            false => Ok(()),
        }
    }
}

/// The most objects and arrays `serde_json` reads one inside the other.
const MAX_DEPTH: usize = 127;

/// How deep the objects and arrays of the JSON text `json` go: 0 for a scalar.
fn nesting(json: &str) -> usize {
    let bytes = json.as_bytes();
    if !matches!(bytes.first(), Some(b'[' | b'{')) {
        return 0;
    }
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for &byte in bytes {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Reads `body` with `template` into `slots`, which start empty; `None` where the generic reader
/// must decide.
pub(crate) fn read<'a>(
    template: &'static Node,
    body: &'a [u8],
    slots: &mut Slots<'a>,
) -> Option<()> {
    // Checked once here, rather than string by string: JSON text is UTF-8 whole.
    let body = std::str::from_utf8(body).ok()?;
    let mut deserializer = serde_json::Deserializer::from_str(body);
    Walk {
        node: template,
        slots,
    }
    .deserialize(&mut deserializer)
    .ok()?;
    deserializer.end().ok()
}

/// The text of the detail `name` among `details`.
#[inline]
pub(crate) fn find<'a>(details: &[Detail<'a>], name: &str) -> Option<&'a RawValue> {
    let (_, value) = details.iter().find(|(known, _)| same(known, name))?;
    Some(value)
}

/// Whether `a` is `b`, compared in line: member names and messages are short, and a call to
/// compare them costs more than the comparison. Eight bytes are compared at a time, the last
/// word overlapping the others, rather than byte by byte.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let n = a.len();
    match n {
        0 => true,
        1 => a[0] == b[0],
        2..4 => word::<2>(a, 0) == word::<2>(b, 0) && word::<2>(a, n - 2) == word::<2>(b, n - 2),
        4..=8 => word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, n - 4) == word::<4>(b, n - 4),
        _ => {
            let mut at = 0;
            while at + 8 < n {
                if word::<8>(a, at) != word::<8>(b, at) {
                    return false;
                }
                at += 8;
            }
            word::<8>(a, n - 8) == word::<8>(b, n - 8)
        }
    }
}

/// The `N` bytes of `bytes` at `at`, as one value to compare.
#[inline]
fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut word = [0; N];
    word.copy_from_slice(&bytes[at..at + N]);
    word
}

/// Not read in place; the generic reader decides. Only ever made on the way to the fallback.
fn refuse<E: de::Error>() -> E {
    E::custom("not read in place")
}

/// A node of the template, read against the value at the deserializer.
struct Walk<'s, 'a> {
    node: &'static Node,
    slots: &'s mut Slots<'a>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match *self.node {
            Node::Object(members) => deserializer.deserialize_map(Object {
                members,
                slots: self.slots,
            }),
            Node::Array(elements) => deserializer.deserialize_seq(Array {
                elements,
                slots: self.slots,
            }),
            Node::Literal(json) => Literal(json).deserialize(deserializer),
            Node::Slot(slot, Presence::Null) => deserializer.deserialize_option(Nullable {
                slot,
                slots: self.slots,
            }),
            Node::Slot(slot, _) => fill(slot, self.slots, deserializer),
        }
    }
}

/// A literal of the template, which the value at the deserializer must equal.
struct Literal(&'static str);

impl<'de> DeserializeSeed<'de> for Literal {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.0 {
            // The literals templates hold most, read as themselves; any other as a value.
            json @ ("true" | "false") => match bool::deserialize(deserializer)? {
                value if value == (json == "true") => Ok(()),
                _ => Err(refuse()),
            },
            "null" => <()>::deserialize(deserializer),
            json => {
                let value = Value::deserialize(deserializer)?;
                match serde_json::from_str::<Value>(json) {
                    Ok(literal) if literal == value => Ok(()),
                    _ => Err(refuse()),
                }
            }
        }
    }
}

/// Puts the value at `deserializer` in `slot`; an error when it is not of the slot's type.
#[inline]
fn fill<'de, D: Deserializer<'de>>(
    slot: Slot,
    slots: &mut Slots<'de>,
    deserializer: D,
) -> Result<(), D::Error> {
    fn set<T, E: de::Error>(place: &mut Option<T>, value: T) -> Result<(), E> {
        match place {
            Some(_) => Err(refuse()),
            None => {
                *place = Some(value);
                Ok(())
            }
        }
    }
    match slot {
        Slot::Status => u64::deserialize(deserializer).map(drop),
        Slot::StatusString | Slot::Reason | Slot::DocUrl | Slot::Title | Slot::TypeUri => {
            deserializer.deserialize_str(AnyText)
        }
        Slot::Code => {
            let code = deserializer.deserialize_any(CodeVisitor)?;
            set(&mut slots.code, code)
        }
        Slot::CodeString => {
            let code = deserializer.deserialize_str(Borrowed)?;
            set(&mut slots.code, Code::Str(code))
        }
        Slot::Message => set(&mut slots.message, deserializer.deserialize_str(Text)?),
        Slot::DefaultMessage => set(
            &mut slots.default_message,
            deserializer.deserialize_str(Text)?,
        ),
        Slot::Instance => set(&mut slots.instance, deserializer.deserialize_str(Borrowed)?),
        Slot::RequestId => set(
            &mut slots.request_id,
            deserializer.deserialize_str(Borrowed)?,
        ),
        Slot::Details => deserializer.deserialize_map(Details { slots }),
    }
}

/// A slot's value.
struct Fill<'s, 'a> {
    slot: Slot,
    slots: &'s mut Slots<'a>,
}

impl<'de> DeserializeSeed<'de> for Fill<'_, 'de> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        fill(self.slot, self.slots, deserializer)
    }
}

/// A `slot | null` member.
struct Nullable<'s, 'a> {
    slot: Slot,
    slots: &'s mut Slots<'a>,
}

impl<'de> Visitor<'de> for Nullable<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a slot's value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        fill(self.slot, self.slots, deserializer)
    }
}

struct Object<'s, 'a> {
    members: &'static [Member],
    slots: &'s mut Slots<'a>,
}

impl<'de> Visitor<'de> for Object<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of the template")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Object { members, slots } = self;
        if members.len() > 64 {
            return Err(refuse());
        }
        slots.depth += 1;
        // Which members were read, and whether the details are flattened here (looked at once,
        // when a member the template does not name first comes).
        let (mut seen, mut flattens) = (0u64, None);
        while let Some(key) = map.next_key_seed(Key)? {
            let named = members
                .iter()
                .enumerate()
                .find_map(|(at, member)| match member {
                    Member::Entry(name, node) if same(name, &key) => Some((at, node)),
                    _ => None,
                });
            match named {
                Some((at, node)) => {
                    if seen & (1 << at) != 0 {
                        return Err(refuse());
                    }
                    seen |= 1 << at;
                    // A slot's value or a literal read here, rather than through another `Walk`.
                    match *node {
                        Node::Slot(slot, presence) if presence != Presence::Null => {
                            map.next_value_seed(Fill { slot, slots })?;
                        }
                        Node::Literal(json) => map.next_value_seed(Literal(json))?,
                        _ => map.next_value_seed(Walk { node, slots })?,
                    }
                }
                // A member the template does not name is a detail, where it takes them here.
                None => {
                    let details = |member: &Member| matches!(member, Member::Details);
                    if !*flattens.get_or_insert_with(|| members.iter().any(details)) {
                        return Err(refuse());
                    }
                    let value: &'de RawValue = map.next_value()?;
                    slots.add_detail(key, value)?;
                }
            }
        }
        slots.depth -= 1;
        // Only the members the body left out are looked at: each must be one it may leave out.
        let mut missing = !seen & u64::MAX.checked_shr(64 - members.len() as u32).unwrap_or(0);
        while missing != 0 {
            let at = missing.trailing_zeros() as usize;
            if !matches!(
                members[at],
                Member::Details | Member::Entry(_, Node::Slot(_, Presence::Omit))
            ) {
                return Err(refuse());
            }
            missing &= missing - 1;
        }
        Ok(())
    }
}

struct Array<'s, 'a> {
    elements: &'static [Node],
    slots: &'s mut Slots<'a>,
}

impl<'de> Visitor<'de> for Array<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of the template")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.slots.depth += 1;
        for node in self.elements {
            let slots = &mut *self.slots;
            seq.next_element_seed(Walk { node, slots })?
                .ok_or_else(refuse)?;
        }
        // Elements past the template's are the body's own, as the generic reader allows.
        while let Some(element) = seq.next_element::<&RawValue>()? {
            self.slots.check_depth(element)?;
        }
        self.slots.depth -= 1;
        Ok(())
    }
}

/// The details object of a `details` slot.
struct Details<'s, 'a> {
    slots: &'s mut Slots<'a>,
}

impl<'de> Visitor<'de> for Details<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of details")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.slots.depth += 1;
        while let Some(key) = map.next_key_seed(Key)? {
            let value: &'de RawValue = map.next_value()?;
            self.slots.add_detail(key, value)?;
        }
        self.slots.depth -= 1;
        Ok(())
    }
}

/// A member's name, borrowed unless it holds an escape.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(Text)
    }
}

/// A string, borrowed unless it holds an escape.
struct Text;

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }
}

/// A string without escapes, borrowed; one with an escape is left to the generic reader. A
/// code, an instance or a request id rarely holds one, where a message may.
struct Borrowed;

impl<'de> Visitor<'de> for Borrowed {
    type Value = &'de str;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(text)
    }

    /// A string the parser had to copy, for its escapes.
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(refuse())
    }
}

/// A string whose text no one reads.
struct AnyText;

impl<'de> Visitor<'de> for AnyText {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
}

/// A code: a string without escapes, or an integer that fits an `i64`.
struct CodeVisitor;

impl<'de> Visitor<'de> for CodeVisitor {
    type Value = Code<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Code::Str(text))
    }

    /// A code the parser had to copy, for its escapes: the generic reader reads it.
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(refuse())
    }

    fn visit_i64<E: de::Error>(self, code: i64) -> Result<Self::Value, E> {
        Ok(Code::Int(code))
    }

    fn visit_u64<E: de::Error>(self, code: u64) -> Result<Self::Value, E> {
        i64::try_from(code).map(Code::Int).map_err(|_| refuse())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_are_the_same_exactly_when_their_bytes_are() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for len in 0..text.len() {
            let name = text.get(..len).unwrap_or_default();
            assert!(super::same(name, name), "{name}");
            assert!(!super::same(name, &format!("{name}y")), "{name} is shorter");
            for at in 0..len {
                let mut other = name.as_bytes().to_vec();
                other[at] = b'_';
                let other = String::from_utf8(other).unwrap_or_default();
                assert!(!super::same(name, &other), "{name} and {other}");
            }
        }
    }
}
