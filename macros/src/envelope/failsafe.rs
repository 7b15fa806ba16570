//! Renders the failsafe 500 body from a template when the macro runs: the body of a 500
//! without code or details, outside any request, written as serde_json writes it.

use super::parse::{Literal, Member, Object, Presence, SlotUse, Value};
use super::slots;

/// The failsafe body of the template whose root is `object`, as JSON text.
pub fn render(object: &Object) -> String {
    let mut members = Vec::new();
    for member in &object.members {
        let Member::Entry { key, value } = member else {
            continue; // there are no details to flatten
        };
        let json = match value {
            Value::Slot(slot) => match (failsafe_slot(slot), slot.presence) {
                (Some(json), _) => json.to_owned(),
                (None, Presence::Omit(_)) => continue,
                (None, _) => "null".to_owned(),
            },
            value => failsafe_value(value),
        };
        members.push(format!("{}:{json}", json_string(&key.value())));
    }
    format!("{{{}}}", members.join(","))
}

/// A literal as JSON text, as serde_json writes it.
pub fn literal_json(literal: &Literal) -> String {
    match literal {
        Literal::Null => "null".to_owned(),
        Literal::Bool(value) => value.to_string(),
        Literal::Int(value) => value.to_string(),
        Literal::Uint(value) => value.to_string(),
        Literal::Float(value) => {
            serde_json::to_string(value).expect("parse.rs rejects numbers that are not finite")
        }
        Literal::Str(value) => json_string(value),
    }
}

fn failsafe_value(value: &Value) -> String {
    match value {
        Value::Literal(literal) => literal_json(literal),
        Value::Slot(slot) => failsafe_slot(slot).unwrap_or("null").to_owned(),
        Value::Object(object) => render(object),
        Value::Array(elements) => {
            let elements: Vec<String> = elements.iter().map(failsafe_value).collect();
            format!("[{}]", elements.join(","))
        }
    }
}

fn failsafe_slot(slot: &SlotUse) -> Option<&'static str> {
    let kind = slots::of(slot);
    match slot.as_string {
        Some(_) => kind.failsafe_string,
        None => kind.failsafe,
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}
