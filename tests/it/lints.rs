//! The output of the derive and of `envelope!` is clean under strict lints (and under clippy with `-D warnings` in CI).
#![deny(
    warnings,
    unused_qualifications,
    deprecated,
    missing_docs,
    unused_results
)]
#![deny(clippy::all, clippy::pedantic)]

use std::collections::BTreeMap;
use std::time::SystemTime;

use errwire::ApiError;
use http::StatusCode;

errwire::envelope! {
    /// The body of a strictly linted crate.
    pub struct StrictBody {
        "errors": [{"status": status, "code": code | null, "ratio": 0.5, "message": message}],
        "details": details | null,
    }
}

/// Errors of a strictly linted crate.
#[derive(Debug, ApiError)]
#[api(envelope = StrictBody, rename_all = "SCREAMING_SNAKE_CASE", header(Cache-Control = "no-store"), domain = "strict.example.com")]
pub enum Strict {
    /// Missing.
    #[api(status = 404, message = "{kind} {id:>8} not found")]
    NotFound {
        /// What is missing.
        kind: &'static str,
        /// Its id.
        #[api(detail = "resource_id")]
        id: u64,
    },
    /// Down for maintenance.
    #[api(status = 503, message = "Back at {0:?}", expose)]
    Maintenance(#[api(header = "Retry-After", detail = "until")] SystemTime),
    /// Invalid input.
    #[api(status = 422, grpc = "INVALID_ARGUMENT")]
    Invalid(#[api(details)] BTreeMap<String, Vec<String>>),
}

/// Errors kept for old clients: the type, a variant and a field are deprecated, and the derive
/// must not use them in a way that warns.
#[deprecated(note = "use `Strict`")]
#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case", domain = "legacy.example.com")]
pub enum Legacy {
    /// Gone for good.
    #[deprecated(note = "no longer sent")]
    #[api(status = StatusCode::GONE, grpc = "NOT_FOUND")]
    Gone,
    /// Missing.
    #[api(status = StatusCode::NOT_FOUND, message = "No room {id}")]
    Missing {
        /// Its id.
        #[deprecated(note = "use the path")]
        #[api(detail, header = "X-Room")]
        id: u64,
    },
}

#[test]
#[allow(deprecated)]
fn derives_on_deprecated_items_with_the_status_path_the_user_wrote() {
    assert_eq!(Legacy::Gone.status(), StatusCode::GONE);
    let missing = Legacy::Missing { id: 7 };
    assert_eq!(missing.message().to_string(), "No room 7");
    assert_eq!(missing.to_response().headers()["x-room"], "7");
    assert_eq!(Legacy::catalog().entries.len(), 2);
}

#[test]
fn derives_under_strict_lints() {
    let error = Strict::NotFound {
        kind: "room",
        id: 7,
    };
    assert_eq!(error.message().to_string(), "room        7 not found");
    assert_eq!(error.code(), Some(errwire::Code::Str("NOT_FOUND")));
    let response = Strict::Maintenance(SystemTime::UNIX_EPOCH).to_response();
    assert_eq!(
        response.headers()["retry-after"],
        "Thu, 01 Jan 1970 00:00:00 GMT"
    );
    assert_eq!(Strict::catalog().entries.len(), 3);
}

/// An error type with no errors yet: the derive still compiles, cleanly.
#[derive(Debug, ApiError)]
pub enum NoErrorsYet {}

#[test]
fn derives_on_an_enum_without_variants() {
    assert!(NoErrorsYet::catalog().entries.is_empty());
}
