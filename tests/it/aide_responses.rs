//! With the `aide` feature, a handler that returns `Result<T, E>` documents `E`'s errors in the
//! OpenAPI document aide builds from the router, with nothing else written.

use aide::axum::ApiRouter;
use aide::axum::routing::get;
use aide::openapi::OpenApi;
use axum::extract::Path;
use serde_json::Value;

/// The errors of `GET /rooms/{id}`.
#[derive(Debug, errwire::ApiError)]
#[api(rename_all = "snake_case")]
enum RoomError {
    /// No room has this id.
    #[api(status = 404, message = "Room {0} not found")]
    RoomNotFound(#[api(detail = "room_id", example = "math-101")] String),
    /// The room ended.
    #[api(status = 404, message = "Room ended")]
    RoomEnded,
    /// Too many requests.
    #[api(status = 429)]
    RateLimited {
        #[api(detail, header = "Retry-After", example = 30)]
        retry_after: u64,
    },
}

async fn room(Path(id): Path<String>) -> Result<String, RoomError> {
    match id.as_str() {
        "busy" => Err(RoomError::RateLimited { retry_after: 30 }),
        "ended" => Err(RoomError::RoomEnded),
        "math-101" => Ok("Math 101".to_owned()),
        _ => Err(RoomError::RoomNotFound(id)),
    }
}

#[test]
fn a_handler_s_error_type_documents_its_responses() {
    let mut api = OpenApi::default();
    let _router: axum::Router = ApiRouter::new()
        .api_route("/rooms/{id}", get(room))
        .finish_api(&mut api);
    let document = serde_json::to_value(&api).unwrap();
    let responses = &document["paths"]["/rooms/{id}"]["get"]["responses"];
    assert!(responses.get("200").is_some(), "{responses:#}");

    let not_found = &responses["404"]["content"]["application/problem+json"];
    let examples = not_found["examples"].as_object().unwrap();
    assert_eq!(
        examples.keys().collect::<Vec<_>>(),
        ["room_not_found", "room_ended"],
        "both variants at 404, where aide alone keeps the first"
    );
    assert_eq!(
        examples["room_not_found"]["value"]["detail"],
        "Room math-101 not found"
    );
    assert_eq!(
        not_found["schema"]["properties"]["code"]["x-extensible-enum"],
        serde_json::json!(["room_not_found", "room_ended"])
    );
    assert_eq!(
        responses["429"]["headers"]["Retry-After"]["required"],
        Value::Bool(true)
    );
}
