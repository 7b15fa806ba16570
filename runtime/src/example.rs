//! An error made from a catalog entry and its fields' examples, rendered by the type's real
//! envelope to show an example body (on the documentation page, in OpenAPI). A 5xx shows what
//! clients get: its static message, and no field unless the variant exposes it.

use core::fmt;

use serde_json::value::RawValue;

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry, FieldEntry};
use crate::code::Code;
use crate::details::{DetailFields, DetailVisitor, Details};
use crate::envelope::DynEnvelope;
use crate::message::{Piece, template_pieces};

pub(crate) struct Example<'a> {
    entry: &'a CatalogEntry,
    /// The message template: the entry's, or one of its translations.
    message: &'static str,
    status: http::StatusCode,
    type_base: Option<&'static str>,
    envelope: &'static dyn DynEnvelope,
    /// The detail entries by wire name, or the whole details object.
    details: Vec<(&'static str, Box<RawValue>)>,
    whole: Option<WholeDetails>,
}

/// The example of a field: its `#[api(example = ...)]`, else its type's default.
pub(crate) fn example_of(field: &FieldEntry) -> Box<RawValue> {
    let json = field
        .example
        .unwrap_or_else(|| field.json_type.default_example());
    RawValue::from_string(json.to_owned())
        .unwrap_or_else(|_| RawValue::from_string("null".to_owned()).expect("null is JSON"))
}

impl<'a> Example<'a> {
    pub(crate) fn new(
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
                // Details that are not an object have no body to show (the envelope sends the
                // failsafe 500 for them); `null` is none.
                let example = example_of(field);
                if example.get() != "null" {
                    whole = Some(WholeDetails(
                        serde_json::from_str::<Members>(example.get()).ok()?.0,
                    ));
                }
            }
        }
        Some(Example {
            entry,
            message: entry.message,
            status: entry.status?,
            type_base,
            envelope,
            details,
            whole,
        })
    }

    /// This example with its message from `template`, a translation of the entry's.
    #[cfg(feature = "docs")]
    pub(crate) fn with_message(self, template: &'static str) -> Self {
        Example {
            message: template,
            ..self
        }
    }

    /// The body, compact and indented, in the envelope's member order.
    pub(crate) fn bodies(&self) -> Option<(Box<RawValue>, String)> {
        let cx = crate::context::RenderContext::new();
        let mut body = Vec::new();
        self.envelope.write_body(self, &cx, &mut body).ok()?;
        let body = String::from_utf8(body).ok()?;
        let compact = RawValue::from_string(layout(&body, None)).ok()?;
        Some((compact, layout(&body, Some("  "))))
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
    /// None of its own: an example stands for an entry of any catalog, whose envelope and
    /// `type` URI prefix it carries.
    fn catalog() -> &'static Catalog {
        &Catalog::EMPTY
    }

    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn code(&self) -> Option<Code> {
        self.entry.code
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            return f.write_str(self.status.canonical_reason().unwrap_or("Error"));
        }
        for piece in template_pieces(self.message) {
            match piece {
                Piece::Text(text) => f.write_str(&text)?,
                Piece::Field { name, spec } => {
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

    fn __type_base(&self) -> Option<&'static str> {
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

/// JSON text laid out again without reordering anything: compact, or indented by `indent`. The
/// examples written into a body keep the spacing they were given; this evens it out.
fn layout(json: &str, indent: Option<&str>) -> String {
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let mut chars = json.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        if let Some(indent) = indent {
            out.push('\n');
            out.push_str(&indent.repeat(depth));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push(c);
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                out.push(c);
                while chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                    chars.next();
                }
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(if indent.is_some() { ": " } else { ":" }),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The example of a field that is the whole details object, member by member in its order: a
/// `RawValue` is written verbatim only by serde_json's own serializer, and an envelope that
/// flattens details into its object writes through another.
struct WholeDetails(Vec<(String, Box<RawValue>)>);

impl serde::Serialize for WholeDetails {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A JSON object's members, in order.
struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn lays_json_out_without_reordering() {
        let json = r#"{"b": [1, 2], "a" :{ }, "s": "x, {y}: \\\"z\"", "e": []}"#;
        assert_eq!(
            layout(json, None),
            r#"{"b":[1,2],"a":{},"s":"x, {y}: \\\"z\"","e":[]}"#
        );
        assert_eq!(
            layout(json, Some("  ")),
            "{\n  \"b\": [\n    1,\n    2\n  ],\n  \"a\": {},\n  \"s\": \"x, {y}: \\\\\\\"z\\\"\",\n  \"e\": []\n}"
        );
    }
}
