//! Verilock's documented errors (`seeds/001` and `seeds/002`, verilock.io's API reference),
//! reproduced.
//!
//! Run with `cargo run --example verilock`; `tests/it/seed_verilock.rs` checks every body against
//! the documentation.
//!
//! Choices where the documentation is ambiguous:
//! - `server_error` is documented for both 500 and 503; the two variants share it, each saying
//!   `shared_code`.
//! - The rate limit's delay is one field, `retry_after`: it is the `Retry-After` header, the
//!   `details.retry_after` member and the number in the message, so the three cannot disagree.
//! - `details` is `null` when an error has none, as the format table says ("object|null").
//! - The status page also lists 400, 403 and 409, but the error table says `error` is always one
//!   of its five codes and gives none of them a code; sending a code the documentation does not
//!   list would break its contract, so they are not declared.
//! - `error` is always there (`"error": code`): a variant without a code does not compile.
//! - `X-Request-Id` is on every response: pass the id in the `RenderContext`.

#[path = "show/mod.rs"]
mod show;

use errwire::{ApiError, RenderContext};
use indexmap::IndexMap;

errwire::envelope! {
    /// Verilock's error body: `{"error": "not_found", "message": "...", "details": null}`.
    pub struct Verilock {
        "error": code,
        "message": message,
        "details": details | null,
    }
}

/// The validation messages of each field, in the order the fields were checked.
pub type FieldErrors = IndexMap<String, Vec<String>>;

/// The messages of each field, from text.
pub fn field_errors<const N: usize>(fields: [(&str, &[&str]); N]) -> FieldErrors {
    fields
        .into_iter()
        .map(|(field, messages)| {
            let messages = messages.iter().map(|message| (*message).to_owned());
            (field.to_owned(), messages.collect())
        })
        .collect()
}

/// Every error the Verilock API documents.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = Verilock, rename_all = "snake_case", domain = "verilock.io")]
pub enum VerilockError {
    /// One or more fields failed validation; `details` has the messages of each field.
    #[error("validation failed")]
    #[api(
        status = 422,
        grpc = "INVALID_ARGUMENT",
        message = "The given data was invalid."
    )]
    ValidationError(
        #[api(
            details,
            example = r#"{"redirect_url": ["The redirect url must be a valid URL."], "document_type": ["The selected document type is invalid."]}"#
        )]
        FieldErrors,
    ),

    /// The API key is missing, invalid, or revoked.
    #[error("authentication failed")]
    #[api(status = 401, message = "API key is missing, invalid, or revoked.")]
    AuthenticationError,

    /// The requested resource does not exist or has been deleted.
    #[error("{0} not found")]
    #[api(
        status = 404,
        message = "The requested resource does not exist or has been deleted."
    )]
    NotFound(String),

    /// Too many requests: back off and retry after the `Retry-After` header value.
    #[error("rate limited for {retry_after} s")]
    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Too many requests. Please retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(detail, header = "Retry-After", example = 30)]
        retry_after: u64,
    },

    /// An internal error occurred; safe to retry with exponential backoff.
    #[error("internal error: {0}")]
    #[api(
        status = 500,
        grpc = "INTERNAL",
        code = "server_error",
        shared_code,
        message = "An internal error occurred."
    )]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// The API is down for maintenance or under high load; retry with exponential backoff.
    #[error("unavailable")]
    #[api(
        status = 503,
        code = "server_error",
        shared_code,
        reason = "SERVICE_UNAVAILABLE",
        message = "The API is temporarily unavailable due to maintenance or high load."
    )]
    Unavailable,
}

/// The title of the documentation page: `cargo run --example verilock -- docs [md|html|json]`.
pub const TITLE: &str = "Verilock API errors";

/// One error of each variant, with the values the API's documentation shows.
pub fn errors() -> Vec<VerilockError> {
    vec![
        VerilockError::ValidationError(field_errors([
            ("redirect_url", &["The redirect url must be a valid URL."]),
            ("document_type", &["The selected document type is invalid."]),
        ])),
        VerilockError::AuthenticationError,
        VerilockError::NotFound("session ses_123".into()),
        VerilockError::RateLimited { retry_after: 30 },
        VerilockError::Internal("queue unreachable".into()),
        VerilockError::Unavailable,
    ]
}

fn main() {
    if show::print_page_if_asked::<VerilockError>(TITLE) {
        return;
    }
    let errors = errors();
    let cx = RenderContext::new().with_request_id("req_8f2d1c");
    for error in &errors {
        show::print_response(error, &cx);
    }
}
