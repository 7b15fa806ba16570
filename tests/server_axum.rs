//! A real axum server on 127.0.0.1:0, driven by a real HTTP client.

mod support;

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::rejection::JsonRejection;
use axum::extract::{Json, Path, Query};
use axum::http::{HeaderValue, Request, StatusCode};
use axum::routing::{get, post};
use axum::{Router, middleware};
use support::{RoomError, Traced};
use tower_http::request_id::{MakeRequestId, RequestId, SetRequestIdLayer};

#[derive(serde::Deserialize)]
struct NewRoom {
    #[allow(dead_code)]
    name: String,
}

#[derive(serde::Deserialize)]
struct Search {
    limit: u32,
}

/// Request ids `gen-1`, `gen-2`, ... for requests that come without one.
#[derive(Clone, Default)]
struct Counter(std::sync::Arc<AtomicU64>);

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        Some(RequestId::new(
            HeaderValue::from_str(&format!("gen-{n}")).unwrap(),
        ))
    }
}

async fn room(Path(id): Path<String>) -> Result<(), RoomError> {
    Err(support::error_for(&id))
}

async fn create(Json(_): Json<NewRoom>) -> StatusCode {
    StatusCode::CREATED
}

async fn count(Path(n): Path<u32>) -> String {
    n.to_string()
}

async fn search(Query(search): Query<Search>) -> String {
    search.limit.to_string()
}

/// Takes the rejection itself and turns it into a `RequestError`.
async fn strict(
    body: Result<Json<NewRoom>, JsonRejection>,
) -> Result<StatusCode, errwire::RequestError<Traced>> {
    body.map(|_| StatusCode::CREATED)
        .map_err(errwire::RequestError::from)
}

/// Responses errwire does not build: `support::routes`.
fn foreign_routes() -> Router {
    use axum::body::Body;
    use axum::response::{IntoResponse, Response};
    use support::routes;

    fn text(status: StatusCode, headers: &[(&'static str, &str)], body: Body) -> Response {
        let mut response = Response::new(body);
        *response.status_mut() = status;
        for (name, value) in headers {
            response
                .headers_mut()
                .insert(*name, HeaderValue::from_str(value).unwrap());
        }
        response.headers_mut().insert(
            "content-type",
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
    fn endless() -> Body {
        Body::from_stream(futures_util::stream::pending::<
            Result<bytes::Bytes, std::io::Error>,
        >())
    }
    Router::new()
        .route(
            "/login",
            get(|| async {
                text(
                    StatusCode::UNAUTHORIZED,
                    routes::LOGIN_HEADERS,
                    routes::LOGIN_TEXT.into(),
                )
            }),
        )
        .route(
            "/limited",
            get(|| async {
                let mut response = StatusCode::TOO_MANY_REQUESTS.into_response();
                for (name, value) in routes::LIMITED_HEADERS {
                    response
                        .headers_mut()
                        .insert(*name, HeaderValue::from_str(value).unwrap());
                }
                response
            }),
        )
        .route(
            "/legacy",
            get(|| async {
                (
                    StatusCode::CONFLICT,
                    [("content-type", "application/json")],
                    routes::LEGACY_BODY,
                )
            }),
        )
        .route(
            "/stall",
            get(|| async { text(StatusCode::BAD_REQUEST, &[], endless()) }),
        )
        .route(
            "/stall-5xx",
            get(|| async { text(StatusCode::BAD_GATEWAY, &[], endless()) }),
        )
}

async fn start() -> String {
    let app = Router::new()
        .route("/rooms/{id}", get(room))
        .route("/rooms", post(create))
        .route("/count/{n}", get(count))
        .route("/search", get(search))
        .route("/strict", post(strict))
        .merge(foreign_routes())
        .layer(middleware::from_fn(
            errwire::axum::envelope_errors::<Traced>,
        ))
        .layer(SetRequestIdLayer::x_request_id(Counter::default()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    // The server task ends with the test's runtime.
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

#[tokio::test]
async fn errors_over_http() {
    let base = start().await;
    support::check_scenarios(&base).await;
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
