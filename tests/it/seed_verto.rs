//! Every error documented by Verto (`seeds/004`): status and body, member for member and in
//! order; the integer codes stay JSON numbers.

use crate::common;

#[allow(dead_code)]
use crate::apis::verto;

use errwire::{ApiError, Code};
use verto::VertoError;

#[track_caller]
fn assert_documented(error: &VertoError, status: u16, documented_body: &str) {
    let response = error.to_response();
    assert_eq!(response.status(), status, "{error:?}");
    assert_eq!(response.headers()["content-type"], "application/json");
    common::assert_body(response.body(), documented_body);
}

#[test]
fn the_numeric_api_error_codes() {
    assert_documented(
        &VertoError::Error1,
        400,
        r#"{"code": 1, "message": "Placeholder"}"#,
    );
    assert_documented(
        &VertoError::Error2,
        400,
        r#"{"code": 2, "message": "Placeholder"}"#,
    );
    assert_eq!(VertoError::Error2.code(), Some(Code::Int(2)));
}

#[test]
fn the_error_statuses_without_a_code() {
    let documented = [
        (
            VertoError::Unauthorized,
            401,
            "The client needs to authenticate or provide valid credentials.",
        ),
        (
            VertoError::Forbidden,
            403,
            "The user doesn’t have permission to perform the request.",
        ),
        (
            VertoError::NotFound,
            404,
            "The requested resource does not exist on the server.",
        ),
        (
            VertoError::Conflict,
            409,
            "This response is sent when a request conflicts with the current state of the server.",
        ),
        (
            VertoError::TooManyRequests,
            429,
            "The client has sent too many requests in a given amount of time.",
        ),
        (
            VertoError::Internal("ledger: TLS handshake failed".into()),
            500,
            "A generic error occurred on the server (often due to misconfiguration or unexpected issues).",
        ),
        (
            VertoError::Unavailable,
            503,
            "The server is temporarily unable to handle requests (e.g., during maintenance or overload).",
        ),
        (
            VertoError::GatewayTimeout,
            504,
            "The server is waiting too long to respond from another server and “timing out.”",
        ),
    ];
    for (error, status, message) in &documented {
        let body = format!(
            r#"{{"message": {}}}"#,
            serde_json::to_string(message).unwrap()
        );
        assert_documented(error, *status, &body);
    }
    assert_eq!(documented.len() + 2, VertoError::catalog().entries.len());
}
