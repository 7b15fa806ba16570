//! Verriflo's documented errors (`seeds/000`, docs.verriflo.com/api/error-codes), reproduced.
//!
//! Run with `cargo run --example verriflo`; `tests/it/seed_verriflo.rs` checks every body against
//! the documentation.
//!
//! Choices where the documentation is ambiguous:
//! - `"success"` is the string `"false"`: that is the form of the "Response Format" block and of
//!   every example but one (the 400 example writes the boolean `false`). The format block wins.
//! - `error` carries the code and is left out when an error has none, as in the examples: only
//!   the two 422 errors document a code (`ORG_SETUP_INCOMPLETE`, `NO_VERIFIED_DOMAIN`).
//! - The 409 for a `roomId` already in use is described but has no documented body, so it is not
//!   declared here; `Recording is still being processed` is the 409 that has one.

#[path = "show/mod.rs"]
mod show;

use errwire::{ApiError, RenderContext};

errwire::envelope! {
    /// Verriflo's error body: `{"status": 404, "success": "false", "message": "...", "error": "CODE"}`.
    pub struct Verriflo {
        "status": status,
        "success": "false",
        "message": message,
        "error": code?,
    }
}

/// Every error the Verriflo API documents.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = Verriflo, domain = "verriflo.example.com")]
pub enum VerrifloError {
    /// Something is wrong with the request: a missing header or field, invalid JSON, a field
    /// out of its format or length.
    #[error("validation failed: {reason}")]
    #[api(
        status = 400,
        grpc = "INVALID_ARGUMENT",
        message = "Validation failed: {reason}"
    )]
    Validation {
        #[api(example = "participant.uid is required")]
        reason: String,
    },

    /// The organization has fewer credits than the action needs.
    #[error("insufficient credits")]
    #[api(
        status = 402,
        grpc = "FAILED_PRECONDITION",
        message = "Insufficient credits. Minimum {minimum} required to start a class."
    )]
    InsufficientCredits {
        #[api(example = 100)]
        minimum: u32,
    },

    /// No organization has the `VF-ORG-ID` given.
    #[error("organization not found")]
    #[api(status = 404, message = "Organization not found")]
    OrganizationNotFound,

    /// The room does not exist, belongs to another organization, or has not been created yet.
    #[error("classroom {0} not found")]
    #[api(status = 404, message = "Classroom not found")]
    ClassroomNotFound(String),

    /// The recording of the class is still being processed.
    #[error("recording in progress")]
    #[api(
        status = 409,
        grpc = "FAILED_PRECONDITION",
        message = "Recording is still being processed"
    )]
    RecordingInProgress,

    /// The teacher ended the class; the room is closed for good.
    #[error("classroom ended")]
    #[api(
        status = 410,
        grpc = "FAILED_PRECONDITION",
        message = "This classroom has ended and cannot be rejoined"
    )]
    ClassroomEnded,

    /// Recordings can be downloaded for six hours after the class ends.
    #[error("recording expired")]
    #[api(
        status = 410,
        grpc = "FAILED_PRECONDITION",
        message = "Recording download window has expired ({hours} hours)"
    )]
    RecordingExpired {
        #[api(example = 6)]
        hours: u32,
    },

    /// The organization has no name or no logo yet.
    #[error("organization setup incomplete")]
    #[api(
        status = 422,
        grpc = "FAILED_PRECONDITION",
        code = "ORG_SETUP_INCOMPLETE",
        message = "Organization setup incomplete. Please configure organization name and logo."
    )]
    OrgSetupIncomplete,

    /// The organization has not verified a domain yet.
    #[error("no verified domain")]
    #[api(
        status = 422,
        grpc = "FAILED_PRECONDITION",
        code = "NO_VERIFIED_DOMAIN",
        message = "Organization must have at least one verified domain."
    )]
    NoVerifiedDomain,

    /// Something broke on the server; the cause is logged, never sent.
    #[error("internal error: {0}")]
    #[api(
        status = 500,
        grpc = "INTERNAL",
        message = "An unexpected error occurred"
    )]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// The title of the documentation page: `cargo run --example verriflo -- docs [md|html|json]`.
pub const TITLE: &str = "Verriflo API errors";

/// One error of each variant, with the values the API's documentation shows.
pub fn errors() -> Vec<VerrifloError> {
    vec![
        VerrifloError::Validation {
            reason: "participant.uid is required".into(),
        },
        VerrifloError::InsufficientCredits { minimum: 100 },
        VerrifloError::OrganizationNotFound,
        VerrifloError::ClassroomNotFound("math-101".into()),
        VerrifloError::RecordingInProgress,
        VerrifloError::ClassroomEnded,
        VerrifloError::RecordingExpired { hours: 6 },
        VerrifloError::OrgSetupIncomplete,
        VerrifloError::NoVerifiedDomain,
        VerrifloError::Internal("storage bucket unreachable".into()),
    ]
}

fn main() {
    if show::print_page_if_asked::<VerrifloError>(TITLE) {
        return;
    }
    let errors = errors();
    for error in &errors {
        show::print_response(error, &RenderContext::new());
    }
}
