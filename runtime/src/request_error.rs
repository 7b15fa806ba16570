//! The errors of a request that no handler of the API produced: an unknown route, a method the
//! route does not take, a body or path or query the framework could not read. They go out in
//! the API's envelope like its own errors.

use core::fmt;
use core::marker::PhantomData;

use http::StatusCode;
use http::header::{ALLOW, HeaderMap, HeaderValue};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry, HeaderEntry, HeaderKind};
use crate::code::Code;
use crate::envelope::{Envelope, Problem};

/// An error of the request itself, reported by the web framework rather than a handler, in
/// the envelope `Env`.
///
/// Its status is the framework's, its code the snake_case reason phrase (`bad_request`,
/// `not_found`, `method_not_allowed`, `unsupported_media_type`, ...). For a 4xx, its message is
/// the framework's explanation (for example `Failed to parse the request body as JSON: expected
/// value at line 1 column 1`), cut to [`RequestError::MAX_REASON`] bytes, or the reason phrase
/// without one; a 5xx says only `An unexpected error occurred`. A 405 keeps the `Allow` header.
///
/// The `axum` and `actix-web` features build it from the frameworks' rejections and responses.
pub struct RequestError<Env = Problem> {
    status: StatusCode,
    reason: Option<String>,
    allow: Option<HeaderValue>,
    envelope: PhantomData<fn() -> Env>,
}

const SERVER_MESSAGE: &str = "An unexpected error occurred";

impl<Env> RequestError<Env> {
    /// The longest explanation kept, in bytes; a longer one is cut at a character boundary and
    /// ends with `…`.
    pub const MAX_REASON: usize = 512;

    /// The error for a response of `status` that the framework explained with `reason`.
    ///
    /// A status that is not an error status becomes a 500, and a 5xx drops `reason`: a server
    /// error's text stays on the server.
    pub fn new(status: StatusCode, reason: Option<String>) -> Self {
        let status = if status.is_client_error() || status.is_server_error() {
            status
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        let reason = reason
            .filter(|_| status.is_client_error())
            .map(|reason| cut(reason.trim(), Self::MAX_REASON))
            .filter(|reason| !reason.is_empty());
        RequestError {
            status,
            reason,
            allow: None,
            envelope: PhantomData,
        }
    }

    /// Sets the `Allow` header of a 405: the methods the route takes.
    #[must_use]
    pub fn with_allow(mut self, allow: Option<HeaderValue>) -> Self {
        self.allow = allow;
        self
    }

    /// The framework's explanation of a 4xx, if it gave one.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

impl<Env> fmt::Debug for RequestError<Env> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestError")
            .field("status", &self.status)
            .field("reason", &self.reason)
            .finish()
    }
}

impl<Env> fmt::Display for RequestError<Env> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.status.canonical_reason().unwrap_or("Error"))?;
        match &self.reason {
            Some(reason) => write!(f, ": {reason}"),
            None => Ok(()),
        }
    }
}

impl<Env> std::error::Error for RequestError<Env> {}

impl<Env: Envelope> RequestError<Env> {
    const CATALOG: &'static Catalog = &Catalog::new("RequestError", Env::DYN)
        .with_description(
            "Errors of the request itself, which the web framework reports rather than a \
             handler. A 4xx says what the framework found wrong; a 5xx says nothing more.",
        )
        .with_entries(&[
            framework_entry(
                StatusCode::BAD_REQUEST,
                "A path, query or body the framework could not read.",
            ),
            framework_entry(StatusCode::NOT_FOUND, "No route has this path."),
            framework_entry(StatusCode::METHOD_NOT_ALLOWED, "")
                .with_description(
                    "The route does not take this method; `Allow` lists those it takes.",
                )
                .with_headers(&[HeaderEntry {
                    name: "Allow",
                    value: HeaderKind::Text,
                }]),
            framework_entry(
                StatusCode::PAYLOAD_TOO_LARGE,
                "The body is larger than the route takes.",
            ),
            framework_entry(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "The body's `Content-Type` is not one the route reads.",
            ),
            framework_entry(
                StatusCode::UNPROCESSABLE_ENTITY,
                "The body is well-formed, but its values are not the route's.",
            ),
            framework_entry(StatusCode::INTERNAL_SERVER_ERROR, "")
                .with_message(SERVER_MESSAGE)
                .with_description("The framework failed; the cause is logged, never sent."),
        ]);
}

/// The catalog entry of a framework error of `status`, named and coded after its reason phrase.
const fn framework_entry(status: StatusCode, description: &'static str) -> CatalogEntry {
    let name = match status.as_u16() {
        400 => "BadRequest",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        _ => "InternalError",
    };
    let entry = CatalogEntry::new(name, status).with_description(description);
    match code_of(status) {
        Some(code) => entry.with_code(Code::Str(code)),
        None => entry,
    }
}

impl<Env: Envelope> ApiError for RequestError<Env> {
    /// The framework errors the middleware puts in the envelope, for the documentation page and
    /// OpenAPI: 400, 404, 405, 413, 415, 422 and 500.
    fn catalog() -> &'static Catalog {
        Self::CATALOG
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn code(&self) -> Option<Code> {
        code_of(self.status).map(Code::Str)
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.reason, self.__static_message()) {
            (Some(reason), _) => f.write_str(reason),
            (None, message) => f.write_str(message.unwrap_or(SERVER_MESSAGE)),
        }
    }

    fn __static_message(&self) -> Option<&'static str> {
        if self.reason.is_some() {
            return None;
        }
        match self.status.canonical_reason() {
            Some(reason) if self.status.is_client_error() => Some(reason),
            _ => Some(SERVER_MESSAGE),
        }
    }

    fn headers(&self, headers: &mut HeaderMap) {
        if let (StatusCode::METHOD_NOT_ALLOWED, Some(allow)) = (self.status, &self.allow) {
            headers.insert(ALLOW, allow.clone());
        }
    }
}

/// `text`, cut to at most `max` bytes at a character boundary, marked with `…` when cut.
fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max - '…'.len_utf8();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// The code of a request error: the reason phrase in snake_case for the client errors
/// frameworks report, `internal_error` for any server error.
const fn code_of(status: StatusCode) -> Option<&'static str> {
    if status.as_u16() >= 500 {
        return Some("internal_error");
    }
    Some(match status.as_u16() {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        408 => "request_timeout",
        409 => "conflict",
        411 => "length_required",
        413 => "payload_too_large",
        414 => "uri_too_long",
        415 => "unsupported_media_type",
        422 => "unprocessable_entity",
        429 => "too_many_requests",
        431 => "request_header_fields_too_large",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::Flat;

    fn body(error: &RequestError<Flat>) -> String {
        String::from_utf8(error.to_response().into_body()).unwrap()
    }

    #[test]
    fn a_client_error_says_the_framework_s_reason() {
        let error = RequestError::<Flat>::new(
            StatusCode::BAD_REQUEST,
            Some("Failed to parse the request body as JSON".into()),
        );
        assert_eq!(
            body(&error),
            r#"{"error":"bad_request","message":"Failed to parse the request body as JSON"}"#
        );
        crate::assert_impl(&error);
        let plain = RequestError::<Flat>::new(StatusCode::NOT_FOUND, None);
        assert_eq!(
            body(&plain),
            r#"{"error":"not_found","message":"Not Found"}"#
        );
        crate::assert_impl(&plain);
    }

    #[test]
    fn a_long_reason_is_cut_at_a_character_boundary() {
        let long = "é".repeat(400);
        let error = RequestError::<Flat>::new(StatusCode::BAD_REQUEST, Some(long));
        let reason = error.reason().unwrap();
        assert!(
            reason.len() <= RequestError::<Flat>::MAX_REASON,
            "{}",
            reason.len()
        );
        assert!(reason.ends_with("é…"), "{reason}");
    }

    #[test]
    fn a_server_error_drops_the_reason_and_a_success_status_becomes_500() {
        let error = RequestError::<Flat>::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Some("missing path params at src/routes.rs".into()),
        );
        assert_eq!(
            body(&error),
            r#"{"error":"internal_error","message":"An unexpected error occurred"}"#
        );
        let odd = RequestError::<Flat>::new(StatusCode::OK, None);
        assert_eq!(odd.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn method_not_allowed_sends_allow() {
        let error = RequestError::<Flat>::new(StatusCode::METHOD_NOT_ALLOWED, None)
            .with_allow(Some(HeaderValue::from_static("GET,HEAD")));
        let response = error.to_response();
        assert_eq!(response.headers()[ALLOW], "GET,HEAD");
        assert_eq!(
            body(&error),
            r#"{"error":"method_not_allowed","message":"Method Not Allowed"}"#
        );
    }
}
