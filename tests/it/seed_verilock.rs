//! Every error documented by Verilock (`seeds/001`, `seeds/002`): status, headers and body, member
//! for member and in order.

use crate::common;

#[allow(dead_code)]
use crate::apis::verilock;

use errwire::{ApiError, RenderContext};

use verilock::{VerilockError, field_errors};

/// Checks one documented error and returns its response for further checks.
#[track_caller]
fn assert_documented(
    error: &VerilockError,
    status: u16,
    documented_body: &str,
) -> http::Response<Vec<u8>> {
    let response = error.to_response_with(&RenderContext::new().with_request_id("req_8f2d1c"));
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["x-request-id"], "req_8f2d1c");
    common::assert_body(response.body(), documented_body);
    response
}

#[test]
fn validation_error_lists_each_field_s_messages_in_order() {
    let error = VerilockError::ValidationError(field_errors([
        ("redirect_url", &["The redirect url must be a valid URL."]),
        ("document_type", &["The selected document type is invalid."]),
    ]));
    let response = assert_documented(
        &error,
        422,
        r#"{
          "error": "validation_error",
          "message": "The given data was invalid.",
          "details": {
            "redirect_url": ["The redirect url must be a valid URL."],
            "document_type": ["The selected document type is invalid."]
          }
        }"#,
    );
    assert!(response.headers().get("retry-after").is_none());
}

#[test]
fn the_format_page_s_validation_example() {
    let error = VerilockError::ValidationError(field_errors([(
        "field_name",
        &[
            "The field name is required.",
            "The field name must be a string.",
        ],
    )]));
    assert_documented(
        &error,
        422,
        r#"{
          "error": "validation_error",
          "message": "The given data was invalid.",
          "details": {
            "field_name": [
              "The field name is required.",
              "The field name must be a string."
            ]
          }
        }"#,
    );
}

#[test]
fn rate_limit_puts_one_delay_in_the_header_the_details_and_the_message() {
    let response = assert_documented(
        &VerilockError::RateLimited { retry_after: 30 },
        429,
        r#"{
          "error": "rate_limit_exceeded",
          "message": "Too many requests. Please retry after 30 seconds.",
          "details": {
            "retry_after": 30
          }
        }"#,
    );
    assert_eq!(response.headers()["retry-after"], "30");
}

#[test]
fn errors_without_details_send_null() {
    assert_documented(
        &VerilockError::AuthenticationError,
        401,
        r#"{"error": "authentication_error",
            "message": "API key is missing, invalid, or revoked.", "details": null}"#,
    );
    assert_documented(
        &VerilockError::NotFound("session ses_123".into()),
        404,
        r#"{"error": "not_found",
            "message": "The requested resource does not exist or has been deleted.",
            "details": null}"#,
    );
}

#[test]
fn server_error_is_the_code_of_500_and_503() {
    let internal = VerilockError::Internal("redis at 10.0.0.7 refused".into());
    let response = assert_documented(
        &internal,
        500,
        r#"{"error": "server_error", "message": "An internal error occurred.", "details": null}"#,
    );
    assert!(!String::from_utf8_lossy(response.body()).contains("10.0.0.7"));
    assert_documented(
        &VerilockError::Unavailable,
        503,
        r#"{"error": "server_error",
            "message": "The API is temporarily unavailable due to maintenance or high load.",
            "details": null}"#,
    );
}

#[test]
fn the_catalog_lists_the_five_documented_codes() {
    let mut codes: Vec<String> = VerilockError::catalog()
        .entries
        .iter()
        .filter_map(|entry| entry.code.map(|code| code.to_string()))
        .collect();
    codes.dedup();
    assert_eq!(
        codes,
        [
            "validation_error",
            "authentication_error",
            "not_found",
            "rate_limit_exceeded",
            "server_error"
        ]
    );
}
