//! An envelope's template read backwards: the same tree that writes a body, walked against a
//! received one, slot by slot. Writing and reading cannot drift: there is one template.

use serde_json::{Map, Value};

use crate::envelope::{Member, Node, Presence, Slot};

use super::response::WireCode;

/// What a body's slots held.
#[derive(Default)]
pub(crate) struct Parts {
    pub code: Option<WireCode>,
    pub message: Option<String>,
    /// Whether `message` is the default language's, from a `default_message` slot.
    pub default_message: bool,
    pub title: Option<String>,
    pub type_uri: Option<String>,
    pub instance: Option<String>,
    pub request_id: Option<String>,
    pub details: Map<String, Value>,
}

/// Whether `body` is written with `template`: each literal equal, each slot's member present
/// (unless the template may leave it out) and of the slot's JSON type. `strict` also rejects an
/// object member the template does not name (where it has no `..details` to take it), for telling
/// one shape from another; a known envelope is read leniently, so that a server may add members.
pub(crate) fn read(template: &Node, body: &Value, strict: bool) -> Option<Parts> {
    let mut parts = Parts::default();
    walk(template, body, strict, &mut parts).then_some(parts)
}

fn walk(node: &Node, value: &Value, strict: bool, parts: &mut Parts) -> bool {
    match *node {
        Node::Literal(json) => serde_json::from_str::<Value>(json).is_ok_and(|lit| lit == *value),
        Node::Array(elements) => match value {
            Value::Array(items) if items.len() >= elements.len() => elements
                .iter()
                .zip(items)
                .all(|(element, item)| walk(element, item, strict, parts)),
            _ => false,
        },
        Node::Object(members) => {
            let Value::Object(object) = value else {
                return false;
            };
            let named = |key: &str| {
                members
                    .iter()
                    .any(|member| matches!(member, Member::Entry(name, _) if *name == key))
            };
            let flattens = members.contains(&Member::Details);
            for member in members {
                match member {
                    Member::Entry(key, node) => {
                        let present = match (object.get(*key), node) {
                            (None, Node::Slot(_, Presence::Omit)) => true,
                            (None, _) => false,
                            (Some(Value::Null), Node::Slot(_, Presence::Null)) => true,
                            (Some(value), node) => walk(node, value, strict, parts),
                        };
                        if !present {
                            return false;
                        }
                    }
                    Member::Details => {
                        for (key, value) in object {
                            if !named(key) {
                                parts.details.insert(key.clone(), value.clone());
                            }
                        }
                    }
                }
            }
            !strict || flattens || object.keys().all(|key| named(key))
        }
        Node::Slot(slot, _) => fill(slot, value, parts),
    }
}

/// Puts `value` in `slot`; false when it is not of the slot's type.
fn fill(slot: Slot, value: &Value, parts: &mut Parts) -> bool {
    let text = || value.as_str().map(str::to_owned);
    match slot {
        Slot::Status => value.is_u64(),
        Slot::StatusString | Slot::Reason | Slot::DocUrl => value.is_string(),
        Slot::Code => match value {
            Value::String(code) => set(&mut parts.code, WireCode::Str(code.clone())),
            Value::Number(number) => number
                .as_i64()
                .is_some_and(|code| set(&mut parts.code, WireCode::Int(code))),
            _ => false,
        },
        Slot::CodeString => text().is_some_and(|code| set(&mut parts.code, WireCode::Str(code))),
        // The message in the default language is the one templates read; a translation is kept
        // only where the body has no other.
        Slot::Message => text().is_some_and(|message| {
            if !parts.default_message {
                parts.message = Some(message);
            }
            true
        }),
        Slot::DefaultMessage => text().is_some_and(|message| {
            parts.default_message = true;
            set(&mut parts.message, message)
        }),
        Slot::Title => text().is_some_and(|title| set(&mut parts.title, title)),
        Slot::TypeUri => text().is_some_and(|uri| set(&mut parts.type_uri, uri)),
        Slot::Instance => text().is_some_and(|instance| set(&mut parts.instance, instance)),
        Slot::RequestId => text().is_some_and(|id| set(&mut parts.request_id, id)),
        Slot::Details => match value {
            Value::Object(details) => {
                parts.details.extend(details.clone());
                true
            }
            _ => false,
        },
    }
}

fn set<T>(place: &mut Option<T>, value: T) -> bool {
    *place = Some(value);
    true
}
