use std::collections::BTreeMap;
use std::time::Duration;

use errwire::{ApiError, Code, RenderContext};
use http::StatusCode;
use serde_json::{Value, json};

fn body(response: &http::Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).expect("the body is JSON")
}

#[derive(Debug)]
struct DbError(&'static str);

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for DbError {}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(rename_all = "snake_case", type_base = "https://errors.example.com/")]
enum RoomError {
    /// The room id does not exist, or belongs to another organization.
    #[error("room {0} not found")]
    #[api(status = 404, message = "Classroom not found")]
    NotFound(String),

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

    #[error("validation failed")]
    #[api(status = StatusCode::UNPROCESSABLE_ENTITY, title = "Validation failed", message = "The given data was invalid.")]
    Validation {
        #[api(details)]
        errors: BTreeMap<&'static str, Vec<&'static str>>,
    },

    #[error("database failed: {0}")]
    #[api(status = 500, message = "An unexpected error occurred")]
    Database(#[source] DbError),
}

#[test]
fn facts_come_from_the_attributes() {
    let not_found = RoomError::NotFound("math-101".into());
    assert_eq!(not_found.status(), StatusCode::NOT_FOUND);
    assert_eq!(not_found.code(), Some(Code::Str("not_found")));
    assert_eq!(not_found.message().to_string(), "Classroom not found");
    assert_eq!(not_found.title(), None);

    let limited = RoomError::RateLimited { retry_after: 30 };
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.code(), Some(Code::Str("rate_limit_exceeded")));
    assert_eq!(
        limited.message().to_string(),
        "Too many requests. Please retry after 30 seconds."
    );

    let invalid = RoomError::Validation {
        errors: BTreeMap::new(),
    };
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid.title(), Some("Validation failed"));
}

#[test]
fn problem_details_body_and_headers() {
    let response = RoomError::RateLimited { retry_after: 30 }.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(
        body(&response),
        json!({
            "type": "https://errors.example.com/rate_limit_exceeded",
            "title": "Too Many Requests",
            "status": 429,
            "detail": "Too many requests. Please retry after 30 seconds.",
            "code": "rate_limit_exceeded",
            "retry_after": 30,
        })
    );
}

#[test]
fn a_details_field_becomes_extension_members() {
    let errors = BTreeMap::from([("name", vec!["The name is required."])]);
    let response = RoomError::Validation { errors }.to_response();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body(&response)["name"], json!(["The name is required."]));
    assert_eq!(body(&response)["title"], "Validation failed");
}

#[test]
fn the_render_context_fills_instance_and_request_id() {
    let cx = RenderContext::new()
        .with_request_id("req-42")
        .with_instance("/rooms/math-101");
    let response = RoomError::NotFound("math-101".into()).to_response_with(&cx);
    assert_eq!(response.headers()["x-request-id"], "req-42");
    let body = body(&response);
    assert_eq!(body["instance"], "/rooms/math-101");
    assert_eq!(body["request_id"], "req-42");
}

#[test]
fn a_server_error_never_sends_its_source() {
    let error = RoomError::Database(DbError("password=hunter2 at db.internal:5432"));
    assert!(
        error.to_string().contains("hunter2"),
        "the Display text carries the secret"
    );
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let text = String::from_utf8(response.body().clone()).expect("utf-8");
    assert!(
        !text.contains("hunter2") && !text.contains("db.internal"),
        "{text}"
    );
    assert_eq!(body(&response)["detail"], "An unexpected error occurred");
}

#[test]
fn a_boxed_trait_object_is_an_api_error() {
    let errors: Vec<Box<dyn ApiError + Send + Sync>> = vec![
        Box::new(RoomError::RateLimited { retry_after: 5 }),
        Box::new(RoomError::NotFound("x".into())),
    ];
    let statuses: Vec<u16> = errors.iter().map(|error| error.status().as_u16()).collect();
    assert_eq!(statuses, [429, 404]);
    assert_eq!(
        errors[0].message().to_string(),
        "Too many requests. Please retry after 5 seconds."
    );
    let response = errors[0].to_response();
    assert_eq!(response.headers()["retry-after"], "5");
    assert_eq!(body(&response)["retry_after"], 5);
}

#[derive(Debug, ApiError)]
#[api(status = 503, code = "maintenance", message = "Back in {0:?}", expose, header(Cache-Control = "no-store"))]
struct Maintenance(#[api(header = "Retry-After")] Duration);

#[test]
fn durations_are_delay_seconds_rounded_up() {
    let response = Maintenance(Duration::from_millis(1500)).to_response();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "2");
    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[test]
fn a_message_without_fields_is_static_and_keeps_literal_braces() {
    #[derive(Debug, ApiError)]
    enum Braces {
        #[api(status = 400, message = "Use {{id}} literally")]
        Literal,
        #[api(status = 400, message = "Use {{id}} for {0}")]
        WithField(u32),
        #[api(status = 404)]
        NoTemplate,
    }
    let entries = Braces::catalog().entries;
    assert_eq!(entries[0].static_message, Some("Use {id} literally"));
    assert_eq!(Braces::Literal.message().to_string(), "Use {id} literally");
    assert_eq!(entries[1].static_message, None);
    assert_eq!(Braces::WithField(7).message().to_string(), "Use {id} for 7");
    assert_eq!(entries[2].static_message, Some("Not Found"));
    assert_eq!(
        body(&Braces::Literal.to_response())["detail"],
        "Use {id} literally"
    );
}

#[test]
fn an_error_type_is_available_as_a_std_error_for_logs() {
    let error = RoomError::Database(DbError("connection refused"));
    let as_error = error.as_error().expect("RoomError is a std::error::Error");
    assert_eq!(as_error.to_string(), "database failed: connection refused");
    assert_eq!(as_error.source().unwrap().to_string(), "connection refused");

    #[derive(Debug, ApiError)]
    #[api(status = 404)]
    struct NotAnError;
    assert!(NotAnError.as_error().is_none());
}
