//! A real axum server on 127.0.0.1:0, driven by a real HTTP client.

use crate::support;

use crate::support::axum_app::start;

#[tokio::test]
async fn errors_over_http() {
    let base = start().await;
    support::check_scenarios(&base).await;
}

#[tokio::test]
async fn each_error_in_the_reader_s_language() {
    let base = start().await;
    support::check_languages(&base).await;
}

#[tokio::test]
async fn the_middleware_keeps_what_it_does_not_own() {
    let base = start().await;
    support::check_middleware(&base).await;
}

#[tokio::test]
async fn a_raw_non_ascii_path_is_a_percent_encoded_instance() {
    let base = start().await;
    let (status, body) = support::raw_get(&base, "/nowhere/café".as_bytes()).await;
    assert_eq!(status, 404);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["instance"], "/nowhere/caf%C3%A9");
}

#[tokio::test]
async fn the_request_id_layer_s_id_reaches_the_body_and_the_header() {
    let base = start().await;
    let response = reqwest::get(format!("{base}/rooms/math-101"))
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "gen-1");
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["request_id"], "gen-1");
}

#[tokio::test]
async fn method_not_allowed_keeps_allow() {
    let base = start().await;
    let reply = support::send(&base, "DELETE", "/rooms/math-101", None).await;
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), Some("GET,HEAD"));
}

#[tokio::test]
async fn path_and_query_rejections_are_in_the_envelope() {
    let base = start().await;
    for path in ["/count/many", "/search?limit=all"] {
        let reply = support::send(&base, "GET", path, None).await;
        assert_eq!(reply.status, 400, "{path}");
        assert_eq!(reply.body["error"], "bad_request", "{path}");
        assert_eq!(reply.body["instance"], path.split('?').next().unwrap());
        assert_ne!(reply.body["message"], "Bad Request", "{}", reply.body);
    }
}

#[tokio::test]
async fn a_rejection_converts_into_a_request_error() {
    let base = start().await;
    support::check_converted_rejection(&base, 422, "unprocessable_entity").await;
}
