//! Every error body documented by Verriflo (`seeds/000`), member for member and in order.

use crate::common;

#[allow(dead_code)]
use crate::apis::verriflo;

use errwire::ApiError;
use verriflo::VerrifloError;

#[track_caller]
fn assert_documented(error: &VerrifloError, status: u16, documented_body: &str) {
    let response = error.to_response();
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.headers().len(),
        1,
        "Verriflo documents no other header"
    );
    common::assert_body(response.body(), documented_body);
}

#[test]
fn bad_request() {
    // The documentation's 400 example writes `"success": false`; its format block and all other
    // examples write the string, which errwire follows (see the example's doc comment).
    assert_documented(
        &VerrifloError::Validation {
            reason: "participant.uid is required".into(),
        },
        400,
        r#"{"status": 400, "success": "false",
            "message": "Validation failed: participant.uid is required"}"#,
    );
}

#[test]
fn payment_required() {
    assert_documented(
        &VerrifloError::InsufficientCredits { minimum: 100 },
        402,
        r#"{"status": 402, "success": "false",
            "message": "Insufficient credits. Minimum 100 required to start a class."}"#,
    );
}

#[test]
fn not_found() {
    assert_documented(
        &VerrifloError::OrganizationNotFound,
        404,
        r#"{"status": 404, "success": "false", "message": "Organization not found"}"#,
    );
    assert_documented(
        &VerrifloError::ClassroomNotFound("math-101".into()),
        404,
        r#"{"status": 404, "success": "false", "message": "Classroom not found"}"#,
    );
}

#[test]
fn conflict() {
    assert_documented(
        &VerrifloError::RecordingInProgress,
        409,
        r#"{"status": 409, "success": "false", "message": "Recording is still being processed"}"#,
    );
}

#[test]
fn gone() {
    assert_documented(
        &VerrifloError::ClassroomEnded,
        410,
        r#"{"status": 410, "success": "false",
            "message": "This classroom has ended and cannot be rejoined"}"#,
    );
    assert_documented(
        &VerrifloError::RecordingExpired { hours: 6 },
        410,
        r#"{"status": 410, "success": "false",
            "message": "Recording download window has expired (6 hours)"}"#,
    );
}

#[test]
fn unprocessable_entity_carries_the_code() {
    assert_documented(
        &VerrifloError::OrgSetupIncomplete,
        422,
        r#"{"status": 422, "success": "false",
            "message": "Organization setup incomplete. Please configure organization name and logo.",
            "error": "ORG_SETUP_INCOMPLETE"}"#,
    );
    assert_documented(
        &VerrifloError::NoVerifiedDomain,
        422,
        r#"{"status": 422, "success": "false",
            "message": "Organization must have at least one verified domain.",
            "error": "NO_VERIFIED_DOMAIN"}"#,
    );
}

#[test]
fn internal_server_error_hides_its_cause() {
    let error = VerrifloError::Internal("db password=hunter2 rejected".into());
    assert_documented(
        &error,
        500,
        r#"{"status": 500, "success": "false", "message": "An unexpected error occurred"}"#,
    );
    assert!(!String::from_utf8_lossy(error.to_response().body()).contains("hunter2"));
}

#[test]
fn the_failsafe_body_is_the_documented_500() {
    use errwire::Envelope;
    common::assert_body(
        verriflo::Verriflo::FAILSAFE_BODY.as_bytes(),
        r#"{"status": 500, "success": "false", "message": "An unexpected error occurred"}"#,
    );
}
