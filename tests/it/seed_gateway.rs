//! Every error documented by the telephony gateway (`seeds/003`): status and body, member for
//! member and in order.

use crate::common;

#[allow(dead_code)]
use crate::apis::gateway;

use errwire::ApiError;
use gateway::GatewayError;

#[track_caller]
fn assert_documented(error: &GatewayError, status: u16, documented_body: &str) {
    let response = error.to_response();
    assert_eq!(response.status(), status, "{error:?}");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.headers().len(),
        1,
        "the gateway documents no other header"
    );
    common::assert_body(response.body(), documented_body);
}

/// The documented errors without extra members, with their status and message.
fn documented() -> Vec<(GatewayError, u16, &'static str)> {
    use GatewayError::*;
    vec![
        (MissingAppId, 400, "Missing X-App-ID header"),
        (InvalidAppId, 400, "Invalid X-App-ID format"),
        (
            InvalidBody("EOF while parsing".into()),
            400,
            "Invalid request body",
        ),
        (InvalidCommand("rewind".into()), 400, "Invalid command"),
        (UrlsRequired, 400, "urls is required"),
        (InvalidCommandUid, 400, "Invalid command_uid format"),
        (MissingApiKey, 401, "Missing API key"),
        (InvalidApiKey, 401, "Invalid API key"),
        (MissingAdminKey, 401, "Missing X-Admin-API-Key header"),
        (InvalidAdminKey, 401, "Invalid admin API key"),
        (
            SessionOfAnotherApp,
            403,
            "Session belongs to a different application",
        ),
        (
            RoomOfAnotherApp,
            403,
            "Room belongs to a different application",
        ),
        (SessionNotFound("0c6f".into()), 404, "Session not found"),
        (RoomNotFound("room_1".into()), 404, "Room not found"),
        (
            InAnotherRoom,
            409,
            "Session is already in a different conference room",
        ),
        (AlreadyMuted, 409, "Session is already muted"),
        (AlreadyUnmuted, 409, "Session is already unmuted"),
        (BodyTooLarge(70_000), 413, "Request body too large"),
        (NotJson, 415, "Content-Type must be application/json"),
        (RateLimited, 429, "Rate limit exceeded"),
        (CommandRateLimited, 429, "Command rate limited"),
        (
            KeyLookup("redis down".into()),
            500,
            "Internal error validating API key",
        ),
        (
            Internal("panic in worker".into()),
            500,
            "Internal server error",
        ),
        (AdminNotConfigured, 503, "Admin API not configured"),
        (RecordingUnavailable, 503, "Recording not available"),
    ]
}

#[test]
fn every_documented_message_in_the_documented_format() {
    let documented = documented();
    for (error, status, message) in &documented {
        let body = format!(
            r#"{{"success": false, "error": {}}}"#,
            serde_json::to_string(message).unwrap()
        );
        assert_documented(error, *status, &body);
    }
    // With the conflict below, every variant of the enum is checked.
    assert_eq!(documented.len() + 1, GatewayError::catalog().entries.len());
}

#[test]
fn a_taken_conference_name_includes_the_existing_room_id() {
    assert_documented(
        &GatewayError::ConferenceNameTaken {
            room_id: "room_4f1c".into(),
        },
        409,
        r#"{"success": false, "error": "Conference name already taken", "room_id": "room_4f1c"}"#,
    );
}

#[test]
fn server_errors_keep_their_cause_out_of_the_body() {
    let error = GatewayError::KeyLookup("redis://:s3cret@10.1.2.3 refused".into());
    let body = String::from_utf8(error.to_response().into_body()).unwrap();
    assert!(
        !body.contains("s3cret") && !body.contains("10.1.2.3"),
        "{body}"
    );
}

#[test]
fn the_gateway_has_no_codes() {
    assert!(
        GatewayError::catalog()
            .entries
            .iter()
            .all(|entry| entry.code.is_none())
    );
}
