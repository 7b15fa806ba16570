//! RFC 9457 problem details, `application/problem+json`: the default envelope.

use core::fmt;

use serde::ser::{SerializeMap, Serializer};

use crate::{ApiError, Code, Envelope, Message, RenderContext};

/// RFC 9457 problem details (`application/problem+json`).
///
/// ```json
/// {"type": "https://errors.example.com/out_of_credit", "title": "Payment Required", "status": 402,
///  "detail": "Your balance is 30, but that costs 50.", "instance": "/account/12345",
///  "code": "out_of_credit", "balance": 30}
/// ```
///
/// - `type` is `type_base` followed by the code, or `about:blank` without both;
/// - `title` is the variant's title, else the status's reason phrase;
/// - `status` is the response status; `detail` is the message;
/// - `instance` and `request_id` come from the [`RenderContext`], omitted without one;
/// - `code` is omitted for an error without one;
/// - details are extension members, flattened into the object; an entry named like one of the
///   members above is left out, so extensions never shadow the standard members.
#[derive(Clone, Copy, Debug, Default)]
pub struct Problem;

const RESERVED: &[&str] = &[
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "request_id",
];

impl Envelope for Problem {
    const CONTENT_TYPE: &'static str = "application/problem+json";
    const FALLBACK_BODY: &'static str = r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred"}"#;

    fn serialize_error<E, S>(
        error: &E,
        cx: &RenderContext<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer,
    {
        let status = error.status();
        let code = error.code();
        let mut map = serializer.serialize_map(None)?;
        match (error.type_base(), code) {
            (Some(base), Some(code)) => map.serialize_entry("type", &TypeUri { base, code })?,
            _ => map.serialize_entry("type", "about:blank")?,
        }
        if let Some(title) = error.title().or_else(|| status.canonical_reason()) {
            map.serialize_entry("title", title)?;
        }
        map.serialize_entry("status", &status.as_u16())?;
        map.serialize_entry("detail", &Message::new(error))?;
        if let Some(instance) = cx.instance() {
            map.serialize_entry("instance", instance)?;
        }
        if let Some(code) = &code {
            map.serialize_entry("code", code)?;
        }
        if let Some(request_id) = cx.request_id() {
            map.serialize_entry("request_id", request_id)?;
        }
        error.details().serialize_flat(&mut map, RESERVED)?;
        map.end()
    }
}

/// `type_base` and the code, written as one string without joining them first.
struct TypeUri {
    base: &'static str,
    code: Code,
}

impl serde::Serialize for TypeUri {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for TypeUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.base, self.code)
    }
}
