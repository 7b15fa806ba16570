//! A classroom API's errors, declared once, printed as the responses a client receives.
//!
//! Run with `cargo run --example rooms`.

#[path = "show/mod.rs"]
mod show;

use std::collections::BTreeMap;

use errwire::{ApiError, RenderContext};

#[derive(Debug, thiserror::Error, ApiError)]
#[api(
    rename_all = "snake_case",
    type_base = "https://docs.example.com/errors/"
)]
enum RoomError {
    /// The room id does not exist, or belongs to another organization.
    #[error("room {0} not found")]
    #[api(status = 404, message = "Classroom not found")]
    NotFound(String),

    /// The teacher ended the class; the room cannot be rejoined.
    #[error("room {room_id} ended")]
    #[api(
        status = 410,
        code = "classroom_ended",
        message = "This classroom has ended and cannot be rejoined"
    )]
    Ended {
        #[api(detail)]
        room_id: String,
    },

    /// Too many requests from this organization.
    #[error("rate limited")]
    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Too many requests. Please retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(detail, header = "Retry-After")]
        retry_after: u64,
    },

    /// One or more fields failed validation.
    #[error("validation failed")]
    #[api(
        status = 422,
        code = "validation_error",
        message = "The given data was invalid."
    )]
    Validation(#[api(details)] BTreeMap<&'static str, Vec<&'static str>>),

    /// Something broke on the server; its cause is logged, never sent.
    #[error("database failed: {0}")]
    #[api(
        status = 500,
        code = "server_error",
        message = "An unexpected error occurred"
    )]
    Database(#[source] std::io::Error),
}

fn main() {
    let errors = [
        RoomError::NotFound("math-101".into()),
        RoomError::Ended {
            room_id: "math-101".into(),
        },
        RoomError::RateLimited { retry_after: 30 },
        RoomError::Validation(BTreeMap::from([("name", vec!["The name is required."])])),
        RoomError::Database(std::io::Error::other(
            "connection refused: db.internal:5432",
        )),
    ];
    let cx = RenderContext::new()
        .with_request_id("req-7f3a")
        .with_instance("/rooms/math-101");
    for error in &errors {
        println!("# {error}  (the internal text, never sent)");
        show::print_response(error, &cx);
    }

    println!("# The catalog, for the error documentation page");
    for entry in RoomError::catalog() {
        let status = entry.status.map_or(0, |status| status.as_u16());
        let code = entry.code.map(|code| code.to_string()).unwrap_or_default();
        println!("{status} {code:<22} {}", entry.description);
    }
}
