//! What a request pays for the middleware, driven without a socket: a router behind
//! `envelope_errors` against the same routes behind a pass-through `axum::middleware::from_fn`
//! whose error responses (a handler's, and the 404 of a path no route has) are written by hand
//! with the same status, headers and bytes, the request's id and path included.
//!
//! Operations `axum-ok` (a handler's 200), `axum-error` (a handler's error) and `axum-404` (no
//! route), each on the sides `hand` and `errwire`.

use std::hint::black_box;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use errwire::Problem;
use serde::Serialize;
use tower_service::Service;

use super::{Repeat, Wide};

async fn pass(request: Request, next: Next) -> Response {
    next.run(request).await
}

fn routes() -> Router {
    Router::new().route("/rooms/{id}", get(|| async { "room" }))
}

/// The router of `side` for `operation`: errwire's middleware and the derived error, or a
/// pass-through middleware and the same responses written by hand.
fn router(operation: &str, side: &str) -> Router {
    match side {
        "hand" => routes()
            .route("/missing", get(hand_missing))
            .fallback(hand_not_found)
            .layer(middleware::from_fn(pass)),
        "errwire" => routes()
            .route("/missing", get(|| async { Wide::U03 }))
            .layer(middleware::from_fn(
                errwire::axum::envelope_errors::<Problem>,
            )),
        _ => panic!("no side {side} of {operation}"),
    }
}

/// An RFC 9457 body with the request's instance and id, written by hand.
#[derive(Serialize)]
pub struct HandProblem<'a> {
    r#type: &'static str,
    title: &'static str,
    pub status: u16,
    detail: &'static str,
    instance: &'a str,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
}

/// The fixed members of a hand-written problem body.
pub struct Fixed {
    r#type: &'static str,
    detail: &'static str,
    code: &'static str,
}

/// The handler's error, `Wide::U03`.
pub const MISSING: Fixed = Fixed {
    r#type: "https://errors.example.com/u03",
    detail: "Message 03.",
    code: "u03",
};

/// The 404 of a path no route has.
pub const NOT_FOUND: Fixed = Fixed {
    r#type: "about:blank",
    detail: "Not Found",
    code: "not_found",
};

impl Fixed {
    /// The body for a request of this path and id.
    pub fn with<'a>(&self, instance: &'a str, request_id: Option<&'a str>) -> HandProblem<'a> {
        HandProblem {
            r#type: self.r#type,
            title: "Not Found",
            status: 404,
            detail: self.detail,
            instance,
            code: self.code,
            request_id,
        }
    }
}

/// The response of `problem` for `request`, as a hand-written handler builds it: the body, the
/// content type, and the request's id echoed.
fn hand_response(request: &Request, problem: Fixed) -> Response {
    let request_id = request
        .headers()
        .get("x-request-id")
        .filter(|id| id.len() <= errwire::MAX_REQUEST_ID)
        .and_then(|id| id.to_str().ok());
    let problem = problem.with(request.uri().path(), request_id);
    let mut bytes = Vec::with_capacity(512);
    serde_json::to_writer(&mut bytes, &problem).unwrap();
    let mut response = (http::StatusCode::from_u16(problem.status).unwrap(), bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/problem+json"),
    );
    if let Some(id) = request_id.and_then(|id| http::HeaderValue::from_str(id).ok()) {
        headers.insert("x-request-id", id);
    }
    response
}

async fn hand_missing(request: Request) -> Response {
    hand_response(&request, MISSING)
}

async fn hand_not_found(request: Request) -> Response {
    hand_response(&request, NOT_FOUND)
}

/// The path and `x-request-id` of the request of `operation` (`ok`, `error`, `404`), as a
/// server's parser makes them: slices of the connection's read buffer, which a clone shares
/// rather than copies.
pub fn shared_head(operation: &str) -> (bytes::Bytes, bytes::Bytes) {
    static HEAD: std::sync::OnceLock<bytes::Bytes> = std::sync::OnceLock::new();
    const PATHS: &str = "/rooms/math-101/missing/nowhere";
    let head = HEAD.get_or_init(|| {
        let head = bytes::Bytes::from(format!("{PATHS}req-42").into_bytes());
        // Shared from here on, as a buffer the connection still holds is.
        std::mem::forget(head.clone());
        head
    });
    let path = match operation.rsplit('-').next() {
        Some("ok") => 0..15,
        Some("error") => 15..23,
        _ => 23..31,
    };
    (head.slice(path), head.slice(PATHS.len()..PATHS.len() + 6))
}

fn request(operation: &str) -> Request {
    let (path, id) = shared_head(operation);
    Request::builder()
        .uri(http::Uri::from_maybe_shared(path).unwrap())
        .header(
            "x-request-id",
            http::HeaderValue::from_maybe_shared(id).unwrap(),
        )
        .body(Body::empty())
        .unwrap()
}

/// The runtime both sides run on: one thread, with the timer the middleware reads bodies with.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
}

/// The response to one request, its body collected.
fn serve(
    runtime: &tokio::runtime::Runtime,
    router: &mut Router,
    request: Request,
) -> (http::response::Parts, Vec<u8>) {
    runtime.block_on(async {
        let response = router.call(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        (parts, bytes.to_vec())
    })
}

/// Repeats `operation` of `side`, its runtime and router made once, before.
pub fn run(operation: &str, side: &str, repeat: impl Repeat) {
    let runtime = runtime();
    let mut router = router(operation, side);
    repeat.repeat(|| {
        black_box(serve(&runtime, &mut router, black_box(request(operation))));
    });
}

/// Both sides answer each request with the same status, headers and bytes.
pub fn check() {
    let runtime = runtime();
    for operation in ["axum-ok", "axum-error", "axum-404"] {
        let (ours, our_body) = serve(
            &runtime,
            &mut router(operation, "errwire"),
            request(operation),
        );
        let (theirs, their_body) =
            serve(&runtime, &mut router(operation, "hand"), request(operation));
        assert_eq!(ours.status, theirs.status, "{operation}");
        // A route's response has its length set by axum, the middleware's by the server when
        // it writes the body: the same on the wire.
        let headers = |parts: &http::response::Parts| {
            let mut headers = parts.headers.clone();
            headers.remove(http::header::CONTENT_LENGTH);
            headers
        };
        assert_eq!(headers(&ours), headers(&theirs), "{operation}");
        assert_eq!(
            String::from_utf8(our_body).unwrap(),
            String::from_utf8(their_body).unwrap(),
            "{operation}"
        );
    }
}
