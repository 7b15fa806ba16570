//! With the `utoipa` feature, an error type named once in `responses(...)` of a
//! `#[utoipa::path]` documents every response of the type.

use serde_json::Value;
use utoipa::OpenApi;

/// The errors of `GET /rooms/{id}`.
#[allow(dead_code)] // documented, never built
#[derive(Debug, errwire::ApiError)]
#[api(rename_all = "snake_case")]
enum RoomError {
    /// No room has this id.
    #[api(status = 404, message = "Room {0} not found")]
    RoomNotFound(#[api(detail = "room_id", example = "math-101")] String),
    /// The room ended.
    #[api(status = 404, message = "Room ended")]
    RoomEnded,
    #[api(status = 503)]
    Unavailable,
}

/// A room's name.
#[utoipa::path(
    get,
    path = "/rooms/{id}",
    params(("id" = String, Path, description = "The room's id")),
    responses((status = 200, description = "The room's name", body = String), RoomError)
)]
#[allow(dead_code)]
async fn room() {}

#[derive(OpenApi)]
#[openapi(paths(room))]
struct ApiDoc;

#[test]
fn an_error_type_named_in_responses_documents_every_status_and_variant() {
    let document: Value = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let responses = &document["paths"]["/rooms/{id}"]["get"]["responses"];
    assert!(responses.get("200").is_some(), "{responses:#}");
    let examples = responses["404"]["content"]["application/problem+json"]["examples"]
        .as_object()
        .unwrap();
    let mut names: Vec<&String> = examples.keys().collect();
    names.sort();
    assert_eq!(
        names,
        ["room_ended", "room_not_found"],
        "both variants at 404, where a derived IntoResponses keeps the last"
    );
    assert_eq!(examples["room_ended"]["value"]["detail"], "Room ended");
    let schema = &responses["503"]["content"]["application/problem+json"]["schema"];
    // Inline, so no `$ref` dangles; utoipa's schema model keeps the types and the open codes
    // (it has no `const`).
    assert_eq!(schema["properties"]["status"]["type"], "integer");
    assert_eq!(
        schema["properties"]["code"]["x-extensible-enum"],
        serde_json::json!(["unavailable"])
    );
}
