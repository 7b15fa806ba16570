//! Any error response, read into one generic value that never fails and loses nothing: with the
//! known envelope, else as one of the built-in shapes, else as JSON of any shape, else as bytes.

use core::fmt;
use std::time::Duration;

use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde_json::{Map, Value};

use super::read::{Parts, read};
use super::retry_after::RetryAfter;
use crate::catalog::{Catalog, CatalogEntry, Retry};
use crate::code::Code;
use crate::context::X_REQUEST_ID;
use crate::envelope::{BUILTINS, DynEnvelope};

/// An error response as a client received it: every fact it carried, the raw body, and how the
/// body was read.
///
/// Built by [`ErrorResponse::parse`] from a status, headers and body: it never fails, and keeps
/// the bytes it was given whatever they hold.
#[derive(Clone)]
#[non_exhaustive]
pub struct ErrorResponse {
    /// The response's status.
    pub status: StatusCode,
    /// The machine code, a string or an integer.
    pub code: Option<WireCode>,
    /// The language of the message, from `Content-Language`.
    pub language: Option<String>,
    /// The message (RFC 9457's `detail`).
    pub message: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The RFC 9457 `type` URI.
    pub type_uri: Option<String>,
    /// The RFC 9457 `instance`.
    pub instance: Option<String>,
    /// The details: the body's details object, or its extension members.
    pub details: Map<String, Value>,
    /// The request's id: the `X-Request-Id` header, else the body's.
    pub request_id: Option<String>,
    /// The `Retry-After` header, else a `retry_after` detail in seconds.
    pub retry_after: Option<RetryAfter>,
    /// Whether to retry: the class the error type declares for this code (or status), else the
    /// class of the status.
    pub retry: Retry,
    /// How the body was read.
    pub shape: Shape,
    /// The response's headers.
    pub headers: HeaderMap,
    /// The body, as received (up to the limit it was read with).
    pub body: Vec<u8>,
    /// Why the body is not all there, if it is not.
    pub incomplete: Option<Incomplete>,
}

/// A code as a body carries it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum WireCode {
    /// `"room_not_found"`.
    Str(String),
    /// `1001`.
    Int(i64),
}

impl WireCode {
    /// Whether this is `code`, comparing the text when one is a string and the other an integer
    /// (JSON:API writes every code as a string).
    pub fn is(&self, code: Code) -> bool {
        self.borrow().is(code)
    }

    pub(crate) fn borrow(&self) -> CodeRef<'_> {
        match self {
            WireCode::Str(code) => CodeRef::Str(code),
            WireCode::Int(code) => CodeRef::Int(*code),
        }
    }
}

/// A code as an error type declares it, as a body writes it.
impl From<Code> for WireCode {
    fn from(code: Code) -> Self {
        match code {
            Code::Str(code) => WireCode::Str(code.to_owned()),
            Code::Int(code) => WireCode::Int(code),
        }
    }
}

/// A code as a body carries it, borrowed from wherever it was read.
#[derive(Clone, Copy)]
pub(crate) enum CodeRef<'a> {
    Str(&'a str),
    Int(i64),
}

impl CodeRef<'_> {
    fn is(self, code: Code) -> bool {
        match (self, code) {
            (CodeRef::Str(wire), Code::Str(code)) => wire == code,
            (CodeRef::Int(wire), Code::Int(code)) => wire == code,
            (CodeRef::Str(wire), Code::Int(code)) => wire.parse() == Ok(code),
            (CodeRef::Int(_), Code::Str(_)) => false,
        }
    }
}

impl fmt::Display for WireCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireCode::Str(code) => f.write_str(code),
            WireCode::Int(code) => fmt::Display::fmt(code, f),
        }
    }
}

/// How a body was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shape {
    /// With the envelope of the error type it was parsed for.
    Envelope,
    /// As one of errwire's built-in envelopes, recognised by its content type and members:
    /// `"Problem"`, `"JsonApi"`, `"Nested"` or `"Flat"`.
    Builtin(&'static str),
    /// As JSON of another shape, its common members read (`message`, `detail`, `code`, `error`,
    /// ...).
    Json,
    /// Not JSON: only the bytes.
    NotJson,
    /// No body.
    Empty,
    /// A gRPC status, its details read from its `google.rpc` details (`errwire::tonic`).
    Grpc,
}

/// Why a body is not all there.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Incomplete {
    /// It was longer than the limit it was read with; the first `limit` bytes are kept.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// It stopped arriving; what came before is kept.
    Stalled {
        /// How long it was waited for.
        after: Duration,
    },
    /// The connection failed while it was read; what came before is kept.
    Broken(String),
}

impl ErrorResponse {
    /// Reads an error response of an API whose errors `catalog` describes
    /// ([`ApiError::catalog`](crate::ApiError::catalog)): with its envelope first, then as a
    /// built-in shape, then as any JSON, else keeping only the bytes.
    ///
    /// ```
    /// use errwire::catalog::Catalog;
    /// use errwire::client::{ErrorResponse, Shape, WireCode};
    /// use errwire::http::{HeaderMap, StatusCode};
    ///
    /// let body = br#"{"type": "about:blank", "title": "Not Found", "status": 404,
    ///                 "detail": "Room math-101 not found", "code": "room_not_found",
    ///                 "room_id": "math-101"}"#;
    /// let error = ErrorResponse::parse(StatusCode::NOT_FOUND, &HeaderMap::new(), body.to_vec(), &Catalog::EMPTY);
    /// assert_eq!(error.shape, Shape::Builtin("Problem"));
    /// assert_eq!(error.code, Some(WireCode::Str("room_not_found".into())));
    /// assert_eq!(error.message.as_deref(), Some("Room math-101 not found"));
    /// assert_eq!(error.details["room_id"], "math-101");
    ///
    /// let error = ErrorResponse::parse(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html>".to_vec(), &Catalog::EMPTY);
    /// assert_eq!(error.shape, Shape::NotJson);
    /// assert_eq!(error.body, b"<html>");
    /// ```
    pub fn parse(
        status: StatusCode,
        headers: &HeaderMap,
        body: Vec<u8>,
        catalog: &'static Catalog,
    ) -> ErrorResponse {
        let (shape, parts) = shape(headers, &body, catalog.envelope);
        let facts = HeaderFacts::of(headers);
        let retry_after = facts.retry_after(|| parts.details.get("retry_after")?.as_u64());
        let retry = find(
            catalog,
            status,
            parts.code.as_ref().map(WireCode::borrow),
            parts.message.as_deref(),
        )
        .map_or_else(|| Retry::for_status(status), |found| found.entry.retry);
        ErrorResponse {
            status,
            request_id: facts.request_id().or(parts.request_id),
            code: parts.code,
            language: facts.language(),
            message: parts.message,
            title: parts.title,
            type_uri: parts.type_uri,
            instance: parts.instance,
            details: parts.details,
            retry_after,
            retry,
            shape,
            headers: headers.clone(),
            body,
            incomplete: None,
        }
    }

    /// The body as text, invalid UTF-8 replaced.
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

/// The headers a response's facts are read from, found in one pass over its header names (a
/// response has few) with a lookup only for those it has: what both readers read them from.
pub(crate) struct HeaderFacts<'h> {
    retry_after: Option<&'h HeaderValue>,
    language: Option<&'h HeaderValue>,
    request_id: Option<&'h HeaderValue>,
}

impl<'h> HeaderFacts<'h> {
    #[inline]
    pub(crate) fn of(headers: &'h HeaderMap) -> Self {
        let mut facts = HeaderFacts {
            retry_after: None,
            language: None,
            request_id: None,
        };
        for name in headers.keys() {
            let place = match *name {
                header::RETRY_AFTER => &mut facts.retry_after,
                header::CONTENT_LANGUAGE => &mut facts.language,
                _ if name == X_REQUEST_ID => &mut facts.request_id,
                _ => continue,
            };
            *place = headers.get(name);
        }
        facts
    }

    /// The `Retry-After` header where it reads, else the `retry_after` detail in seconds that
    /// `detail` reads.
    #[inline]
    pub(crate) fn retry_after(&self, detail: impl FnOnce() -> Option<u64>) -> Option<RetryAfter> {
        self.retry_after
            .and_then(RetryAfter::parse)
            .or_else(|| Some(RetryAfter::Delay(Duration::from_secs(detail()?))))
    }

    /// Whether the response has a `Content-Language` or an `X-Request-Id`.
    #[inline]
    pub(crate) fn has_text(&self) -> bool {
        self.language.is_some() || self.request_id.is_some()
    }

    /// The `Content-Language`, where it is text.
    #[inline]
    pub(crate) fn language(&self) -> Option<String> {
        text(self.language)
    }

    /// The `X-Request-Id`, where it is text.
    #[inline]
    pub(crate) fn request_id(&self) -> Option<String> {
        text(self.request_id)
    }
}

#[inline]
fn text(value: Option<&HeaderValue>) -> Option<String> {
    Some(value?.to_str().ok()?.to_owned())
}

/// The shape of `body` and what it holds.
fn shape(
    headers: &HeaderMap,
    body: &[u8],
    envelope: Option<&'static dyn DynEnvelope>,
) -> (Shape, Parts) {
    if body.iter().all(u8::is_ascii_whitespace) {
        return (Shape::Empty, Parts::default());
    }
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return (Shape::NotJson, Parts::default());
    };
    if let Some(template) = envelope.and_then(|envelope| envelope.template()) {
        if let Some(parts) = read(template, &value, true) {
            return (Shape::Envelope, parts);
        }
        // The envelope read leniently, so that a server may add members; but a body that a
        // built-in shape reads exactly is that shape, and its members (a code under `error`)
        // are not dropped.
        if let Some(parts) = read(template, &value, false) {
            return builtin(headers, &value).unwrap_or((Shape::Envelope, parts));
        }
    }
    builtin(headers, &value).unwrap_or_else(|| (Shape::Json, guess(&value)))
}

/// The built-in shape that reads `value` exactly, the one the content type names first.
fn builtin(headers: &HeaderMap, value: &Value) -> Option<(Shape, Parts)> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map_or("", str::trim);
    // The envelope the content type names first: a problem body's extension members could
    // otherwise pass for another shape's.
    let by_content_type = BUILTINS
        .iter()
        .filter(|(_, builtin)| builtin.content_type().eq_ignore_ascii_case(content_type));
    let others = BUILTINS.iter();
    by_content_type.chain(others).find_map(|(name, builtin)| {
        let parts = read(builtin.template()?, value, true)?;
        Some((Shape::Builtin(name), parts))
    })
}

/// The common members of an error body of no known shape, read where they usually are.
fn guess(value: &Value) -> Parts {
    let mut parts = Parts::default();
    let Value::Object(object) = value else {
        return parts;
    };
    // `{"error": {...}}` and `{"errors": [{...}, ...]}` hold the error one level down.
    let inner = match (object.get("error"), object.get("errors")) {
        (Some(inner @ Value::Object(_)), _) => Some(inner),
        (_, Some(Value::Array(errors))) => errors.first().filter(|error| error.is_object()),
        _ => None,
    };
    if let Some(inner) = inner {
        parts = guess(inner);
    }
    let text = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| object.get(*name)?.as_str().map(str::to_owned))
    };
    parts.message = parts.message.or_else(|| {
        text(&[
            "message",
            "detail",
            "error_description",
            "error_message",
            "description",
            "msg",
        ])
    });
    parts.title = parts.title.or_else(|| text(&["title"]));
    parts.type_uri = parts.type_uri.or_else(|| text(&["type"]));
    parts.instance = parts.instance.or_else(|| text(&["instance"]));
    parts.request_id = parts
        .request_id
        .or_else(|| text(&["request_id", "requestId", "trace_id"]));
    parts.code = parts.code.or_else(|| {
        ["code", "error_code", "error"]
            .iter()
            .find_map(|name| match object.get(*name)? {
                Value::String(code) => Some(WireCode::Str(code.clone())),
                Value::Number(code) => code.as_i64().map(WireCode::Int),
                _ => None,
            })
    });
    if parts.details.is_empty()
        && let Some(Value::Object(details)) = object.get("details")
    {
        parts.details = details.clone();
    }
    parts
}

/// The entry of a catalog an error response is: its index among the catalog's entries, and the
/// entry itself, which for a `transparent` entry is the one of the type it forwards to.
#[derive(Clone, Copy)]
pub(crate) struct Found {
    pub index: usize,
    pub entry: &'static CatalogEntry,
}

/// Which entry of `catalog` a response is: the one rule the client reads by, for the typed
/// variant and for the retry class alike.
///
/// With a code: the entry of that code, or of that code at this status when entries share it;
/// else an entry of a type a `transparent` entry forwards to. Without a code: the only entry
/// without one at this status, else the first whose message template reads the message, fixed
/// messages before templates with fields (which could read a fixed one too).
#[inline]
pub(crate) fn find(
    catalog: &'static Catalog,
    status: StatusCode,
    code: Option<CodeRef<'_>>,
    message: Option<&str>,
) -> Option<Found> {
    // The derive's `match` on the codes no two entries share: the scan, done faster.
    if let (Some(CodeRef::Str(code)), Some(index_of)) = (code, catalog.code_index)
        && let Some(index) = index_of(code)
    {
        return Some(Found {
            index,
            entry: &catalog.entries[index],
        });
    }
    scan(catalog, status, code, message)
}

/// [`find`], by scanning the entries.
fn scan(
    catalog: &'static Catalog,
    status: StatusCode,
    code: Option<CodeRef<'_>>,
    message: Option<&str>,
) -> Option<Found> {
    let entries = catalog.entries;
    let at = |index: usize| Found {
        index,
        entry: &entries[index],
    };
    fn only(mut matching: impl Iterator<Item = usize>) -> Option<usize> {
        match (matching.next(), matching.next()) {
            (Some(index), None) => Some(index),
            _ => None,
        }
    }
    let own = |entry: &CatalogEntry| entry.forwards_to.is_none();
    if let Some(code) = code {
        let has_code =
            |entry: &CatalogEntry| own(entry) && entry.code.is_some_and(|known| code.is(known));
        let coded = (0..entries.len()).filter(|&index| has_code(&entries[index]));
        let at_status = (0..entries.len())
            .filter(|&index| has_code(&entries[index]) && entries[index].status == Some(status));
        if let Some(index) = only(coded).or_else(|| only(at_status)) {
            return Some(at(index));
        }
    }
    let forwarded = entries.iter().enumerate().find_map(|(index, entry)| {
        let found = find(entry.forwards_to?(), status, code, message)?;
        Some(Found {
            index,
            entry: found.entry,
        })
    });
    if forwarded.is_some() || code.is_some() {
        return forwarded;
    }
    let uncoded =
        |entry: &CatalogEntry| own(entry) && entry.code.is_none() && entry.status == Some(status);
    if let Some(index) = only((0..entries.len()).filter(|&index| uncoded(&entries[index]))) {
        return Some(at(index));
    }
    let message = message?;
    // The message may be in any of the catalog's locales.
    let reads = |fixed: bool| {
        (0..entries.len()).find(|&index| {
            uncoded(&entries[index])
                && entries[index].messages().any(|translation| {
                    !translation.message.is_empty()
                        && translation.static_message.is_some() == fixed
                        && crate::message::read_back(translation.message, message).is_some()
                })
        })
    };
    reads(true).or_else(|| reads(false)).map(at)
}

impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        match (&self.message, self.shape) {
            (Some(message), _) => write!(f, ": {message}"),
            (None, Shape::NotJson) => write!(f, " (a body of {} bytes, not JSON)", self.body.len()),
            (None, _) => Ok(()),
        }
    }
}

impl std::error::Error for ErrorResponse {}

impl fmt::Debug for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorResponse")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("language", &self.language)
            .field("message", &self.message)
            .field("title", &self.title)
            .field("type_uri", &self.type_uri)
            .field("instance", &self.instance)
            .field("details", &self.details)
            .field("request_id", &self.request_id)
            .field("retry_after", &self.retry_after)
            .field("retry", &self.retry)
            .field("shape", &self.shape)
            .field("headers", &self.headers)
            .field("body", &self.body_text())
            .field("incomplete", &self.incomplete)
            .finish()
    }
}
