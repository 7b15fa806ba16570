//! OpenAPI 3.1 from the same declarations, with the `openapi` feature: one response per status,
//! each variant at that status a named example written by the type's real envelope, the schema
//! read from the envelope's template, codes left open (`x-extensible-enum`).
//!
//! [`responses`] gives the `responses` object of an operation as JSON, for any framework or tool:
//!
//! ```
//! #[derive(Debug, errwire::ApiError)]
//! #[api(envelope = errwire::Flat, rename_all = "snake_case")]
//! enum RoomError {
//!     /// No room has this id.
//!     #[api(status = 404, message = "Room {0} not found")]
//!     RoomNotFound(#[api(detail = "room_id", example = "math-101")] String),
//!     /// The room has ended.
//!     #[api(status = 404, message = "Room ended")]
//!     RoomGone,
//! }
//!
//! let responses = errwire::openapi::responses::<RoomError>();
//! let not_found = &responses["404"]["content"]["application/json"];
//! assert_eq!(not_found["examples"]["room_not_found"]["value"]["message"], "Room math-101 not found");
//! assert_eq!(not_found["examples"]["room_gone"]["value"]["error"], "room_gone");
//! assert_eq!(
//!     not_found["schema"]["properties"]["error"]["x-extensible-enum"],
//!     serde_json::json!(["room_not_found", "room_gone"])
//! );
//! ```

#[cfg(any(feature = "aide", feature = "utoipa"))]
pub(crate) mod tools;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry, FieldEntry, HeaderKind};
use crate::code::Code;
use crate::envelope::{DynEnvelope, Member, Node, Presence, Slot};
use crate::example::Example;

/// The `responses` object of an operation whose errors are `E`: one response per status.
pub fn responses<E: ApiError>() -> Value {
    responses_of(&[E::catalog()])
}

/// The `responses` object of an operation whose errors are those of `catalogs`, for instance a
/// handler's error type and the framework's `RequestError`: one response per status, whose
/// content has a schema per media type.
pub fn responses_of(catalogs: &[&'static Catalog]) -> Value {
    let mut by_status: BTreeMap<u16, Vec<Variant>> = BTreeMap::new();
    for catalog in catalogs {
        for listed in catalog.errors() {
            if let Some(status) = listed.entry.status {
                by_status.entry(status.as_u16()).or_default().push(Variant {
                    entry: listed.entry,
                    catalog: listed.declared_in,
                    envelope: catalog.envelope,
                    locales: catalog.locales,
                });
            }
        }
    }
    let responses: Map<String, Value> = by_status
        .into_iter()
        .map(|(status, variants)| (status.to_string(), response(status, &variants)))
        .collect();
    Value::Object(responses)
}

/// An error listed at a status: its entry, the type that declares it, the envelope its body is in.
struct Variant {
    entry: &'static CatalogEntry,
    catalog: &'static Catalog,
    envelope: Option<&'static dyn DynEnvelope>,
    /// The locales of the type that renders it, the default first.
    locales: &'static [&'static str],
}

fn response(status: u16, variants: &[Variant]) -> Value {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("Error");
    let listed: Vec<String> = variants
        .iter()
        .map(|variant| {
            let name = variant.entry.label();
            match variant.entry.title.unwrap_or(variant.entry.message) {
                "" => format!("`{name}`"),
                what => format!("`{name}`: {what}"),
            }
        })
        .collect();
    // The languages the messages are in, each variant's examples in its default.
    let mut locales: Vec<&str> = Vec::new();
    for variant in variants.iter().filter(|variant| variant.locales.len() > 1) {
        for locale in variant.locales {
            if !locales.contains(locale) {
                locales.push(locale);
            }
        }
    }
    let languages = match locales.is_empty() {
        true => String::new(),
        false => format!(
            ". Messages in {}, chosen by `Accept-Language`; the examples are in the first",
            locales.join(", ")
        ),
    };
    let mut response = Map::new();
    response.insert(
        "description".into(),
        format!("{reason}. {}{languages}", listed.join("; ")).into(),
    );
    let mut headers = headers(variants);
    if !locales.is_empty() {
        let every = variants.iter().all(|variant| variant.locales.len() > 1);
        headers.insert(
            "Content-Language".into(),
            json!({
                "description": "The language of the message",
                "required": every,
                "schema": {"type": "string", "enum": locales},
            }),
        );
        headers.insert(
            "Vary".into(),
            json!({
                "description": "`Accept-Language`: the message's language depends on it",
                "required": every,
                "schema": {"type": "string"},
            }),
        );
    }
    let request_id = variants.iter().any(|variant| {
        variant
            .envelope
            .and_then(|envelope| envelope.template())
            .is_some_and(|template| mentions(template, Slot::RequestId))
    });
    if request_id {
        headers.insert(
            "X-Request-Id".into(),
            json!({
                "description": "The request's id, when it came with one (as the body's)",
                "required": false,
                "schema": {"type": "string"},
            }),
        );
    }
    if !headers.is_empty() {
        response.insert("headers".into(), Value::Object(headers));
    }
    let mut content = Map::new();
    let mut media_types: BTreeMap<&str, Vec<&Variant>> = BTreeMap::new();
    for variant in variants {
        if let Some(envelope) = variant.envelope {
            media_types
                .entry(envelope.content_type())
                .or_default()
                .push(variant);
        }
    }
    for (media_type, variants) in media_types {
        content.insert(media_type.to_owned(), media(status, &variants));
    }
    if !content.is_empty() {
        response.insert("content".into(), Value::Object(content));
    }
    Value::Object(response)
}

/// The schema and examples of the variants at one status whose bodies have one media type: one
/// schema per envelope among them.
fn media(status: u16, variants: &[&Variant]) -> Value {
    let mut schemas: Vec<Value> = Vec::new();
    let mut envelopes: Vec<&'static str> = Vec::new();
    let mut examples = Map::new();
    for variant in variants {
        let Some(envelope) = variant.envelope else {
            continue;
        };
        if !envelopes.contains(&envelope.failsafe_body()) {
            envelopes.push(envelope.failsafe_body());
            let alike: Vec<&Variant> = variants
                .iter()
                .copied()
                .filter(|other| {
                    other
                        .envelope
                        .is_some_and(|other| other.failsafe_body() == envelope.failsafe_body())
                })
                .collect();
            schemas.push(match envelope.template() {
                Some(template) => schema(template, &Facts::of(status, &alike)),
                None => json!({"type": "object"}),
            });
        }
        if let Some(example) = example(variant, envelope) {
            let mut name = variant.entry.label();
            if examples.contains_key(&name) {
                name = format!("{}-{name}", variant.catalog.name);
            }
            examples.insert(name, example);
        }
    }
    let schema = match schemas.len() {
        1 => schemas.remove(0),
        _ => json!({"anyOf": schemas}),
    };
    json!({"schema": schema, "examples": examples})
}

fn example(variant: &Variant, envelope: &'static dyn DynEnvelope) -> Option<Value> {
    let example = Example::new(variant.entry, variant.catalog.type_base, envelope)?;
    let (body, _) = example.bodies()?;
    let value: Value = serde_json::from_str(body.get()).ok()?;
    let mut object = json!({"summary": summary(variant.entry), "value": value});
    if !variant.entry.description.is_empty() {
        object["description"] = variant.entry.description.into();
    }
    Some(object)
}

fn summary(entry: &CatalogEntry) -> String {
    entry
        .title
        .filter(|title| !title.is_empty())
        .map_or_else(|| entry.label(), str::to_owned)
}

/// The headers of the variants at one status; required when every one of them sends it.
fn headers(variants: &[Variant]) -> Map<String, Value> {
    let mut headers: BTreeMap<String, (HeaderKind, usize)> = BTreeMap::new();
    for variant in variants {
        for header in variant.entry.headers {
            headers
                .entry(header.name.to_owned())
                .or_insert((header.value, 0))
                .1 += 1;
        }
    }
    headers
        .into_iter()
        .map(|(name, (kind, count))| {
            let schema = match kind {
                HeaderKind::Fixed(value) => json!({"type": "string", "const": value}),
                HeaderKind::DelaySeconds => json!({"type": "integer", "minimum": 0}),
                HeaderKind::HttpDate => json!({"type": "string", "description": "an HTTP-date"}),
                HeaderKind::Text => json!({"type": "string"}),
            };
            let header = json!({"required": count == variants.len(), "schema": schema});
            (name, header)
        })
        .collect()
}

/// What the variants at one status say about the slots whose schema depends on them.
struct Facts {
    status: u16,
    /// The codes at this status, and whether they are integers.
    codes: Vec<Code>,
    /// The details' properties, by wire name; `None` when a variant's whole details object has a
    /// schema errwire does not know.
    details: Option<Map<String, Value>>,
}

impl Facts {
    fn of(status: u16, variants: &[&Variant]) -> Self {
        let mut codes: Vec<Code> = Vec::new();
        for code in variants.iter().filter_map(|variant| variant.entry.code) {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        let mut details = Some(Map::new());
        for field in variants.iter().flat_map(|variant| variant.entry.fields) {
            match (field.detail, field.details) {
                (Some(name), _) => {
                    if let Some(details) = &mut details {
                        details.insert(name.to_owned(), field_schema(field));
                    }
                }
                (None, true) => {
                    let properties = field.schema().and_then(|mut schema| {
                        match schema.get_mut("properties").map(Value::take) {
                            Some(Value::Object(properties)) => Some(properties),
                            _ => None,
                        }
                    });
                    match (&mut details, properties) {
                        (Some(details), Some(properties)) => details.extend(properties),
                        _ => details = None,
                    }
                }
                (None, false) => {}
            }
        }
        Facts {
            status,
            codes,
            details,
        }
    }

    fn code_schema(&self, as_string: bool) -> Value {
        let integers =
            !self.codes.is_empty() && self.codes.iter().all(|code| matches!(code, Code::Int(_)));
        let mut schema = if integers && !as_string {
            json!({"type": "integer"})
        } else {
            json!({"type": "string"})
        };
        if !self.codes.is_empty() {
            let codes: Vec<Value> = self
                .codes
                .iter()
                .map(|code| match (code, as_string) {
                    (Code::Int(code), false) => json!(code),
                    (code, _) => json!(code.to_string()),
                })
                .collect();
            schema["x-extensible-enum"] = Value::Array(codes);
        }
        schema
    }

    fn details_schema(&self) -> Value {
        match &self.details {
            Some(properties) => json!({"type": "object", "properties": properties}),
            None => json!({"type": "object"}),
        }
    }
}

fn field_schema(field: &FieldEntry) -> Value {
    let mut schema = field
        .schema()
        .unwrap_or_else(|| match field.json_type.schema_name() {
            Some(name) if field.nullable => json!({"type": [name, "null"]}),
            Some(name) => json!({"type": name}),
            None => json!({}),
        });
    if !field.description.is_empty() && schema.get("description").is_none() {
        schema["description"] = field.description.into();
    }
    schema
}

/// Whether the template writes `slot` anywhere.
fn mentions(node: &Node, slot: Slot) -> bool {
    match *node {
        Node::Slot(written, _) => written == slot,
        Node::Array(elements) => elements.iter().any(|element| mentions(element, slot)),
        Node::Object(members) => members.iter().any(|member| match member {
            Member::Entry(_, value) => mentions(value, slot),
            Member::Details => false,
        }),
        Node::Literal(_) => false,
    }
}

/// The JSON Schema of a body written with `node`, for the variants `facts` describes.
fn schema(node: &Node, facts: &Facts) -> Value {
    match *node {
        Node::Literal(json) => {
            let value = serde_json::from_str::<Value>(json).unwrap_or(Value::Null);
            // The type beside `const`, though `const` alone says it: utoipa's schema model
            // cannot read a schema without one.
            let kind = match &value {
                Value::Null => "null",
                Value::Bool(_) => "boolean",
                Value::Number(number) if number.is_f64() => "number",
                Value::Number(_) => "integer",
                Value::String(_) => "string",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
            };
            json!({"type": kind, "const": value})
        }
        Node::Array(elements) => {
            let items: Vec<Value> = elements
                .iter()
                .map(|element| schema(element, facts))
                .collect();
            json!({"type": "array", "prefixItems": items, "minItems": items.len(), "maxItems": items.len()})
        }
        Node::Object(members) => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            for member in members {
                match member {
                    Member::Entry(key, value) => {
                        properties.insert((*key).to_owned(), schema(value, facts));
                        if !matches!(value, Node::Slot(_, Presence::Omit)) {
                            required.push(Value::from(*key));
                        }
                    }
                    Member::Details => {
                        if let Some(details) = &facts.details {
                            for (name, detail) in details {
                                properties.entry(name.clone()).or_insert(detail.clone());
                            }
                        }
                    }
                }
            }
            json!({"type": "object", "properties": properties, "required": required})
        }
        Node::Slot(slot, presence) => {
            let mut value = slot_schema(slot, facts);
            if presence == Presence::Null {
                value = json!({"anyOf": [value, {"type": "null"}]});
            }
            value
        }
    }
}

fn slot_schema(slot: Slot, facts: &Facts) -> Value {
    let text = json!({"type": "string"});
    match slot {
        Slot::Status => json!({"type": "integer", "const": facts.status}),
        Slot::StatusString => json!({"type": "string", "const": facts.status.to_string()}),
        Slot::Code => facts.code_schema(false),
        Slot::CodeString => facts.code_schema(true),
        Slot::TypeUri | Slot::DocUrl | Slot::Instance => {
            json!({"type": "string", "format": "uri-reference"})
        }
        Slot::Details => facts.details_schema(),
        Slot::Reason | Slot::Message | Slot::DefaultMessage | Slot::Title | Slot::RequestId => text,
    }
}
