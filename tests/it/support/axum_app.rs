//! The axum app the real-server tests run: the API's errors, axum's own, and responses errwire
//! did not build (`support::routes`). Included by `server_axum.rs` and `load.rs`.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Json, Path, Query};
use axum::http::{HeaderValue, Request, StatusCode};
use axum::routing::{get, post};
use axum::{Router, middleware};
use tower_http::request_id::{MakeRequestId, RequestId, SetRequestIdLayer};

use crate::support::{self, RoomError, Traced};

/// The largest request body the app takes; a larger one is axum's 413.
pub const BODY_LIMIT: usize = 64 * 1024;

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

/// The app, served on 127.0.0.1 on a free port, until the test's runtime ends; its base URL.
pub async fn start() -> String {
    let app = Router::new()
        .route("/rooms/{id}", get(room))
        .route("/rooms", post(create))
        .route("/count/{n}", get(count))
        .route("/search", get(search))
        .route("/strict", post(strict))
        .merge(foreign_routes())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
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
