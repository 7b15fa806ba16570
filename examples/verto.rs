//! Verto's documented errors (`seeds/004`, docs.verto.co/docs/errors), reproduced.
//!
//! Run with `cargo run --example verto`; `tests/it/seed_verto.rs` checks every body.
//!
//! Verto numbers its API errors (1 and 2, both 400) and documents no body format. The body here
//! is the smallest one that carries what the page documents, `{"code": 1, "message": "..."}`,
//! the code a JSON number as the page writes it; the page's HTTP statuses without an API error
//! code send the message alone, their description from the page's table.

#[path = "show/mod.rs"]
mod show;

use errwire::{ApiError, RenderContext};

errwire::envelope! {
    /// Verto's error body: `{"code": 1, "message": "Placeholder"}`.
    pub struct Verto {
        "code": code?,
        "message": message,
    }
}

/// Every error the Verto page documents: its two API error codes, and its error statuses.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = Verto, domain = "verto.example.com")]
pub enum VertoError {
    /// API error code 1. The page describes it only as "Placeholder".
    #[error("API error 1")]
    #[api(
        status = 400,
        grpc = "INVALID_ARGUMENT",
        code = 1,
        message = "Placeholder"
    )]
    Error1,
    /// API error code 2. The page describes it only as "Placeholder".
    #[error("API error 2")]
    #[api(
        status = 400,
        grpc = "INVALID_ARGUMENT",
        code = 2,
        message = "Placeholder"
    )]
    Error2,

    /// The client needs to authenticate or provide valid credentials.
    #[error("unauthorized")]
    #[api(
        status = 401,
        message = "The client needs to authenticate or provide valid credentials."
    )]
    Unauthorized,
    /// The user does not have permission to perform the request.
    #[error("forbidden")]
    #[api(
        status = 403,
        message = "The user doesn’t have permission to perform the request."
    )]
    Forbidden,
    /// The requested resource does not exist on the server.
    #[error("not found")]
    #[api(
        status = 404,
        message = "The requested resource does not exist on the server."
    )]
    NotFound,
    /// The request conflicts with the current state of the server.
    #[error("conflict")]
    #[api(
        status = 409,
        grpc = "ABORTED",
        message = "This response is sent when a request conflicts with the current state of the server."
    )]
    Conflict,
    /// The client has sent too many requests in a given amount of time.
    #[error("too many requests")]
    #[api(
        status = 429,
        message = "The client has sent too many requests in a given amount of time."
    )]
    TooManyRequests,
    /// A generic error occurred on the server.
    #[error("internal error: {0}")]
    #[api(
        status = 500,
        grpc = "INTERNAL",
        message = "A generic error occurred on the server (often due to misconfiguration or unexpected issues)."
    )]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The server is temporarily unable to handle requests.
    #[error("unavailable")]
    #[api(
        status = 503,
        message = "The server is temporarily unable to handle requests (e.g., during maintenance or overload)."
    )]
    Unavailable,
    /// An upstream server did not answer in time.
    #[error("gateway timeout")]
    #[api(
        status = 504,
        message = "The server is waiting too long to respond from another server and “timing out.”"
    )]
    GatewayTimeout,
}

/// The title of the documentation page: `cargo run --example verto -- docs [md|html|json]`.
pub const TITLE: &str = "Verto API errors";

/// One error of each variant, with the values the API's documentation shows.
pub fn errors() -> Vec<VertoError> {
    vec![
        VertoError::Error1,
        VertoError::Error2,
        VertoError::Unauthorized,
        VertoError::TooManyRequests,
        VertoError::Internal("ledger service: TLS handshake failed".into()),
        VertoError::GatewayTimeout,
    ]
}

fn main() {
    if show::print_page_if_asked::<VertoError>(TITLE) {
        return;
    }
    let errors = errors();
    for error in &errors {
        show::print_response(error, &RenderContext::new());
    }
}
