//! With the `utoipa` feature, an error type named once in `responses(...)` of a
//! `#[utoipa::path]` documents every response of the type; a server on 127.0.0.1 sends what
//! the document it serves says.

use axum::extract::Path;
use axum::routing::get;
use serde_json::Value;
use utoipa::OpenApi;

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
async fn room(Path(id): Path<String>) -> Result<String, RoomError> {
    match id.as_str() {
        "math-101" => Ok("Math 101".to_owned()),
        "ended" => Err(RoomError::RoomEnded),
        "down" => Err(RoomError::Unavailable),
        _ => Err(RoomError::RoomNotFound(id)),
    }
}

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

/// The server's routes and `GET /openapi.json`, the document utoipa builds, on 127.0.0.1 until
/// the test's runtime ends; its base URL.
async fn start() -> String {
    let app = axum::Router::new().route("/rooms/{id}", get(room)).route(
        "/openapi.json",
        get(|| async { axum::Json(ApiDoc::openapi()) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

#[tokio::test]
async fn every_error_the_server_sends_is_the_one_its_document_describes() {
    let base = start().await;
    let client = reqwest::Client::new();
    let document = client
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let document: Value = serde_json::from_str(&document).unwrap();
    let responses = &document["paths"]["/rooms/{id}"]["get"]["responses"];
    for (id, status, code) in [
        ("physics-9", 404, "room_not_found"),
        ("ended", 404, "room_ended"),
        ("down", 503, "unavailable"),
    ] {
        let response = client
            .get(format!("{base}/rooms/{id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), status, "{id}");
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        let documented = &responses[status.to_string()]["content"][&content_type];
        assert!(
            documented.is_object(),
            "{id}: {content_type} at {status} is documented"
        );
        let validator = jsonschema::validator_for(&documented["schema"]).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{id}: {body} against the served schema: {errors:?}"
        );
        let codes = &documented["schema"]["properties"]["code"]["x-extensible-enum"];
        assert!(
            codes.as_array().unwrap().contains(&Value::from(code)),
            "{id}: {code} is listed in {codes}"
        );
        assert!(
            documented["examples"].get(code).is_some(),
            "{id}: an example of {code}"
        );
    }
}
