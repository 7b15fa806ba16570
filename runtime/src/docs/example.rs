//! An error made from a catalog entry and its fields' examples, rendered by the type's real
//! envelope to show an example body. A 5xx shows what clients get: its static message, and no
//! field unless the variant exposes it.

use core::fmt;

use serde_json::value::RawValue;

use crate::api_error::ApiError;
use crate::catalog::{CatalogEntry, FieldEntry};
use crate::code::Code;
use crate::details::{DetailFields, DetailVisitor, Details};
use crate::envelope::DynEnvelope;

pub(super) struct Example<'a> {
    entry: &'a CatalogEntry,
    status: http::StatusCode,
    type_base: Option<&'static str>,
    envelope: &'static dyn DynEnvelope,
    /// The detail entries by wire name, or the whole details object.
    details: Vec<(&'static str, Box<RawValue>)>,
    whole: Option<Box<RawValue>>,
}

/// The example of a field: its `#[api(example = ...)]`, else its type's default.
pub(super) fn example_of(field: &FieldEntry) -> Box<RawValue> {
    let json = field
        .example
        .unwrap_or_else(|| field.json_type.default_example());
    RawValue::from_string(json.to_owned())
        .unwrap_or_else(|_| RawValue::from_string("null".to_owned()).expect("null is JSON"))
}

impl<'a> Example<'a> {
    pub(super) fn new(
        entry: &'a CatalogEntry,
        type_base: Option<&'static str>,
        envelope: &'static dyn DynEnvelope,
    ) -> Option<Self> {
        let mut details = Vec::new();
        let mut whole = None;
        for field in entry.fields {
            if let Some(name) = field.detail {
                details.push((name, example_of(field)));
            } else if field.details {
                whole = Some(example_of(field));
            }
        }
        Some(Example {
            entry,
            status: entry.status?,
            type_base,
            envelope,
            details,
            whole,
        })
    }

    /// The body, compact and indented.
    pub(super) fn bodies(&self) -> Option<(Box<RawValue>, String)> {
        let cx = crate::context::RenderContext::new();
        let mut compact = Vec::new();
        self.envelope.write_body(self, &cx, &mut compact).ok()?;
        let mut pretty = Vec::new();
        self.envelope
            .write_body_pretty(self, &cx, &mut pretty)
            .ok()?;
        let compact = RawValue::from_string(String::from_utf8(compact).ok()?).ok()?;
        Some((compact, String::from_utf8(pretty).ok()?))
    }

    /// The text a placeholder's field shows: a string without its quotes (with them for `:?`).
    fn placeholder(&self, name: &str, spec: &str) -> String {
        let json = self
            .entry
            .fields
            .iter()
            .find(|field| field.name == name)
            .map(example_of);
        let json = json.as_deref().map_or("null", RawValue::get);
        match serde_json::from_str::<String>(json) {
            Ok(text) if !spec.ends_with('?') => text,
            _ => json.to_owned(),
        }
    }
}

impl ApiError for Example<'_> {
    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn code(&self) -> Option<Code> {
        self.entry.code
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entry.message.is_empty() {
            return f.write_str(self.status.canonical_reason().unwrap_or("Error"));
        }
        for piece in super::template_pieces(self.entry.message) {
            match piece {
                super::Piece::Text(text) => f.write_str(&text)?,
                super::Piece::Field { name, spec } => {
                    f.write_str(&self.placeholder(name, spec))?;
                }
            }
        }
        Ok(())
    }

    fn envelope(&self) -> &'static dyn DynEnvelope {
        self.envelope
    }

    fn title(&self) -> Option<&'static str> {
        self.entry.title
    }

    fn type_base(&self) -> Option<&'static str> {
        self.type_base
    }

    fn details(&self) -> Details<'_> {
        if let Some(whole) = &self.whole {
            Details::Object(whole)
        } else if self.details.is_empty() {
            Details::None
        } else {
            Details::Fields(self)
        }
    }
}

impl DetailFields for Example<'_> {
    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
        for (name, value) in &self.details {
            visitor.detail(name, value);
        }
    }
}
