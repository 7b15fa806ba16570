//! Decides whether a parsed template makes sense: every slot known and in a place it can fill,
//! every presence rule meaningful, no member written twice.

use std::collections::HashSet;

use super::parse::{Declaration, Member, Object, Presence, SlotUse, Value};
use super::slots;
use crate::errors::Errors;

pub fn check(declaration: &Declaration, errors: &mut Errors) {
    if let Some(content_type) = &declaration.content_type {
        let value = content_type.value();
        let (kind, subtype) = value.split_once('/').unwrap_or_default();
        let printable = value.bytes().all(|byte| (b' '..=b'~').contains(&byte));
        if kind.is_empty() || subtype.is_empty() || !printable {
            errors.push(syn::Error::new(
                content_type.span(),
                format!(
                    "\"{}\" is not a media type; write one such as \"application/json\"",
                    value.escape_debug()
                ),
            ));
        }
    }
    check_object(&declaration.root, errors);
    if !declaration.root.any_leaf(&mut |_| true) {
        errors.push(syn::Error::new(
            declaration.ident.span(),
            "this template has no slot, so every error's body would be the same; place the facts \
             it carries, such as `\"message\": message` or `\"error\": code`",
        ));
    }
}

fn check_object(object: &Object, errors: &mut Errors) {
    let mut keys = HashSet::new();
    let mut flattened = false;
    for member in &object.members {
        match member {
            Member::Entry { key, value } => {
                if !keys.insert(key.value()) {
                    errors.push(syn::Error::new(
                        key.span(),
                        format!(
                            "duplicate member \"{}\"; each member of an object appears once",
                            key.value()
                        ),
                    ));
                }
                check_value(value, Place::Member, errors);
            }
            Member::Flatten { slot } => {
                if slot != "details" {
                    let hint = match slots::lookup(&slot.to_string()) {
                        Some(_) => format!("; write `\"{slot}\": {slot}` to give it a member"),
                        None => String::new(),
                    };
                    errors.push(syn::Error::new(
                        slot.span(),
                        format!("only `details` can be flattened into an object{hint}"),
                    ));
                } else if flattened {
                    errors.push(syn::Error::new(
                        slot.span(),
                        "the details are already flattened into this object",
                    ));
                }
                flattened = true;
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Place {
    Member,
    Element,
}

fn check_value(value: &Value, place: Place, errors: &mut Errors) {
    match value {
        Value::Literal(_) => {}
        Value::Slot(slot) => check_slot(slot, place, errors),
        Value::Object(object) => check_object(object, errors),
        Value::Array(elements) => {
            for element in elements {
                check_value(element, Place::Element, errors);
            }
        }
    }
}

fn check_slot(slot: &SlotUse, place: Place, errors: &mut Errors) {
    let name = slot.name.to_string();
    let Some(kind) = slots::lookup(&name) else {
        let literal = ["null", "true", "false"]
            .into_iter()
            .find(|literal| literal.eq_ignore_ascii_case(&name));
        let message = match (literal, crate::suggest::nearest(&name, slots::names())) {
            (Some(literal), _) => {
                format!(
                    "JSON writes `{literal}` in lowercase; write `{literal}` (in quotes it would be a string)"
                )
            }
            (None, Some(nearest)) => format!("unknown slot `{name}`; did you mean `{nearest}`?"),
            (None, None) => format!(
                "unknown slot `{name}`; the slots are {}; write a string in quotes for a literal",
                slots::names().collect::<Vec<_>>().join(", ")
            ),
        };
        errors.push(syn::Error::new(slot.name.span(), message));
        return;
    };
    if let Some(span) = slot.as_string
        && kind.string_variant.is_none()
    {
        errors.push(syn::Error::new(
            span,
            format!("only `status` and `code` can be written `as string`; remove `as string` from `{name}`"),
        ));
    }
    // A code written without a rule is required: the derive refuses a variant without one.
    let required = name == "code";
    match slot.presence {
        Presence::Omit(span) | Presence::Null(span) if !kind.may_be_absent => {
            errors.push(syn::Error::new(
                span,
                format!("`{name}` always has a value; remove the presence rule"),
            ));
        }
        Presence::Omit(span) if place == Place::Element => errors.push(syn::Error::new(
            span,
            format!("an array element cannot be left out; write `{name} | null`"),
        )),
        Presence::Always if kind.may_be_absent && !required => {
            let fix = match place {
                Place::Member => format!(
                    "write `{name}?` to leave the member out then, or `{name} | null` to send null"
                ),
                Place::Element => format!("write `{name} | null` to send null then"),
            };
            errors.push(syn::Error::new(
                slot.name.span(),
                format!("`{name}` can be without a value; {fix}"),
            ));
        }
        _ => {}
    }
}
