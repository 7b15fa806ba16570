//! The telephony gateway's documented errors (`seeds/003`, its "Error handling" guide),
//! reproduced.
//!
//! Run with `cargo run --example gateway`; `tests/it/seed_gateway.rs` checks every body against the
//! documentation.
//!
//! The gateway publishes no machine codes: the body is `{"success": false, "error": message}`,
//! and clients branch on the status. Choices where the documentation is open:
//! - `success` is the boolean `false`, as the format block writes it.
//! - "Conference name already taken" is documented to include the existing `room_id`; it is a
//!   detail, flattened into the body beside `success` and `error`.
//! - "Session is already muted / unmuted" is two messages, so two variants.

#[path = "show/mod.rs"]
mod show;

use errwire::{ApiError, RenderContext};

errwire::envelope! {
    /// The gateway's error body: `{"success": false, "error": "Session not found"}`, and the
    /// details, if any, beside them.
    pub struct Gateway {
        "success": false,
        "error": message,
        ..details,
    }
}

/// Every error the gateway documents, by status.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = Gateway, domain = "gateway.example.com")]
pub enum GatewayError {
    /// The X-App-ID header was not provided.
    #[error("missing X-App-ID")]
    #[api(
        status = 400,
        grpc = "INVALID_ARGUMENT",
        message = "Missing X-App-ID header"
    )]
    MissingAppId,
    /// The app id has characters other than alphanumerics, `_` and `-`, or exceeds 64 characters.
    #[error("invalid X-App-ID")]
    #[api(
        status = 400,
        grpc = "INVALID_ARGUMENT",
        message = "Invalid X-App-ID format"
    )]
    InvalidAppId,
    /// The JSON body could not be parsed.
    #[error("invalid body: {0}")]
    #[api(
        status = 400,
        grpc = "INVALID_ARGUMENT",
        message = "Invalid request body"
    )]
    InvalidBody(String),
    /// The command path in the URL is not recognized.
    #[error("invalid command {0}")]
    #[api(status = 400, grpc = "INVALID_ARGUMENT", message = "Invalid command")]
    InvalidCommand(String),
    /// A playback or play_and_get_digits command has no urls or prompt_files.
    #[error("urls missing")]
    #[api(status = 400, grpc = "INVALID_ARGUMENT", message = "urls is required")]
    UrlsRequired,
    /// The command_uid has characters other than alphanumerics, dots, `-` and `_`.
    #[error("invalid command_uid")]
    #[api(
        status = 400,
        grpc = "INVALID_ARGUMENT",
        message = "Invalid command_uid format"
    )]
    InvalidCommandUid,

    /// The X-API-Key header was not provided.
    #[error("missing API key")]
    #[api(status = 401, message = "Missing API key")]
    MissingApiKey,
    /// The API key does not match the one configured for this app.
    #[error("invalid API key")]
    #[api(status = 401, message = "Invalid API key")]
    InvalidApiKey,
    /// An admin endpoint was called without the X-Admin-API-Key header.
    #[error("missing admin API key")]
    #[api(status = 401, message = "Missing X-Admin-API-Key header")]
    MissingAdminKey,
    /// The admin API key does not match the server's ADMIN_API_KEY.
    #[error("invalid admin API key")]
    #[api(status = 401, message = "Invalid admin API key")]
    InvalidAdminKey,

    /// The session is owned by another app.
    #[error("session of another app")]
    #[api(status = 403, message = "Session belongs to a different application")]
    SessionOfAnotherApp,
    /// The conference room is owned by another app.
    #[error("room of another app")]
    #[api(status = 403, message = "Room belongs to a different application")]
    RoomOfAnotherApp,

    /// No active session has the UUID given; it may have ended.
    #[error("session {0} not found")]
    #[api(status = 404, message = "Session not found")]
    SessionNotFound(String),
    /// No conference room has the room_id given; it may have been destroyed.
    #[error("room {0} not found")]
    #[api(status = 404, message = "Room not found")]
    RoomNotFound(String),

    /// The app already has a conference of that name; the body carries its `room_id`.
    #[error("conference name taken by {room_id}")]
    #[api(
        status = 409,
        grpc = "ALREADY_EXISTS",
        message = "Conference name already taken"
    )]
    ConferenceNameTaken {
        #[api(detail, example = "room_4f1c")]
        room_id: String,
    },
    /// The session is in another conference; leave it first.
    #[error("session in another room")]
    #[api(
        status = 409,
        grpc = "FAILED_PRECONDITION",
        message = "Session is already in a different conference room"
    )]
    InAnotherRoom,
    /// The session is muted already.
    #[error("already muted")]
    #[api(
        status = 409,
        grpc = "FAILED_PRECONDITION",
        message = "Session is already muted"
    )]
    AlreadyMuted,
    /// The session is unmuted already.
    #[error("already unmuted")]
    #[api(
        status = 409,
        grpc = "FAILED_PRECONDITION",
        message = "Session is already unmuted"
    )]
    AlreadyUnmuted,

    /// The body exceeds the route's limit: 1 MiB, or 64 KiB on session command routes.
    #[error("body of {0} bytes too large")]
    #[api(
        status = 413,
        grpc = "INVALID_ARGUMENT",
        message = "Request body too large"
    )]
    BodyTooLarge(usize),

    /// A request with a body has no Content-Type, or one that is not application/json.
    #[error("not JSON")]
    #[api(
        status = 415,
        grpc = "INVALID_ARGUMENT",
        message = "Content-Type must be application/json"
    )]
    NotJson,

    /// Too many requests from this app or IP within the rate window.
    #[error("rate limited")]
    #[api(status = 429, message = "Rate limit exceeded")]
    RateLimited,
    /// A command came too soon after another of its rate group.
    #[error("command rate limited")]
    #[api(status = 429, message = "Command rate limited")]
    CommandRateLimited,

    /// The app configuration could not be read (e.g. Redis unavailable).
    #[error("app lookup failed: {0}")]
    #[api(
        status = 500,
        grpc = "INTERNAL",
        message = "Internal error validating API key"
    )]
    KeyLookup(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// An unexpected condition occurred.
    #[error("internal error: {0}")]
    #[api(status = 500, grpc = "INTERNAL", message = "Internal server error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// ADMIN_API_KEY is not set on the server.
    #[error("admin API not configured")]
    #[api(status = 503, message = "Admin API not configured")]
    AdminNotConfigured,
    /// Recording is not enabled on this gateway.
    #[error("recording not available")]
    #[api(status = 503, message = "Recording not available")]
    RecordingUnavailable,
}

/// The title of the documentation page: `cargo run --example gateway -- docs [md|html|json]`.
pub const TITLE: &str = "Voice gateway API errors";

/// One error of each variant, with the values the API's documentation shows.
pub fn errors() -> Vec<GatewayError> {
    vec![
        GatewayError::MissingAppId,
        GatewayError::InvalidBody("expected `,` at line 1 column 18".into()),
        GatewayError::InvalidApiKey,
        GatewayError::SessionOfAnotherApp,
        GatewayError::SessionNotFound("0c6f3a8e".into()),
        GatewayError::ConferenceNameTaken {
            room_id: "room_4f1c".into(),
        },
        GatewayError::BodyTooLarge(70_000),
        GatewayError::NotJson,
        GatewayError::CommandRateLimited,
        GatewayError::KeyLookup("redis: connection refused".into()),
        GatewayError::RecordingUnavailable,
    ]
}

fn main() {
    if show::print_page_if_asked::<GatewayError>(TITLE) {
        return;
    }
    let errors = errors();
    for error in &errors {
        show::print_response(error, &RenderContext::new());
    }
}
