//! The seeds' retry rules against a real server on 127.0.0.1 that fails a set number of times:
//! 5xx and 429 are retried, 429 after its `Retry-After`, other 4xx never, and never more than
//! the policy's attempts. The server counts the attempts.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use errwire::client::{AnyError, Received, RetryPolicy, SendError};

/// The API's errors, as the client knows them.
#[derive(Debug, errwire::ApiError)]
#[api(envelope = errwire::Flat, rename_all = "snake_case")]
enum ShopError {
    #[api(status = 404)]
    NotFound,
    /// A 409 the API asks clients to retry: the conflicting write is about to finish.
    #[api(status = 409, retry = "transient")]
    Busy,
}

/// Attempts per route, counted by the server.
type Counts = Arc<[AtomicUsize; 8]>;

const ROUTES: [&str; 8] = [
    "flaky", "missing", "invalid", "down", "later", "busy", "unknown", "broken",
];

async fn answer(State(counts): State<Counts>, Path(route): Path<String>) -> Response {
    let index = ROUTES.iter().position(|name| *name == route).unwrap();
    let attempt = counts[index].fetch_add(1, Ordering::SeqCst) + 1;
    let flat = |status: StatusCode, code: &str| {
        let body = format!(r#"{{"error": "{code}", "message": "{code}"}}"#);
        (status, [("content-type", "application/json")], body).into_response()
    };
    let limited = |retry_after: &'static str| {
        let mut response = flat(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
        let value = HeaderValue::from_static(retry_after);
        response.headers_mut().insert("retry-after", value);
        response
    };
    match (route.as_str(), attempt) {
        ("flaky", 1) => flat(StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
        ("flaky", 2) => limited("1"),
        ("flaky", _) => "done".into_response(),
        ("missing", _) => flat(StatusCode::NOT_FOUND, "not_found"),
        ("invalid", _) => flat(StatusCode::UNPROCESSABLE_ENTITY, "validation_error"),
        ("down", _) => flat(StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
        ("later", _) => limited("3600"),
        ("busy", 1) => flat(StatusCode::CONFLICT, "busy"),
        ("busy", _) => "written".into_response(),
        ("broken", _) => {
            let mut response = flat(StatusCode::INTERNAL_SERVER_ERROR, "internal_error");
            let id = HeaderValue::from_str(&format!("req-{attempt}")).unwrap();
            response.headers_mut().insert("x-request-id", id);
            response
        }
        _ => flat(StatusCode::CONFLICT, "some_new_conflict"),
    }
}

/// The server, on 127.0.0.1 until the test's runtime ends; its base URL and its counts.
async fn start() -> (String, Counts) {
    let counts: Counts = Arc::new(Default::default());
    let app = axum::Router::new()
        .route("/{route}", get(answer).post(answer))
        .with_state(counts.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, counts)
}

fn attempts(counts: &Counts, route: &str) -> usize {
    let index = ROUTES.iter().position(|name| *name == route).unwrap();
    counts[index].load(Ordering::SeqCst)
}

fn policy() -> RetryPolicy {
    RetryPolicy::new()
        .with_attempts(3)
        .with_base_delay(Duration::from_millis(10))
        .with_max_retry_after(Duration::from_secs(5))
}

#[tokio::test]
async fn a_5xx_then_a_429_are_retried_after_its_retry_after() {
    let (base, counts) = start().await;
    let client = reqwest::Client::new();
    let started = Instant::now();
    let response = policy()
        .send::<AnyError>(|| client.get(format!("{base}/flaky")))
        .await
        .unwrap();
    assert_eq!(response.text().await.unwrap(), "done");
    assert_eq!(attempts(&counts, "flaky"), 3, "500, 429, then success");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After: 1"
    );
}

#[tokio::test]
async fn other_4xx_are_never_retried() {
    let (base, counts) = start().await;
    let client = reqwest::Client::new();
    for route in ["missing", "invalid", "unknown"] {
        let result = policy()
            .send::<ShopError>(|| client.get(format!("{base}/{route}")))
            .await;
        let Err(SendError::Api(received)) = result else {
            panic!("{route}: {result:?}");
        };
        assert_eq!(attempts(&counts, route), 1, "{route}");
        assert!(received.status().is_client_error(), "{route}");
    }
}

#[tokio::test]
async fn a_variant_s_declared_class_is_followed() {
    let (base, counts) = start().await;
    let client = reqwest::Client::new();
    let response = policy()
        .send::<ShopError>(|| client.get(format!("{base}/busy")))
        .await
        .unwrap();
    assert_eq!(response.text().await.unwrap(), "written");
    assert_eq!(
        attempts(&counts, "busy"),
        2,
        "`Busy` is transient, though a 409"
    );

    let result = policy()
        .send::<ShopError>(|| client.get(format!("{base}/unknown")))
        .await;
    let Err(SendError::Api(Received::Unknown(response))) = result else {
        panic!("{result:?}");
    };
    assert_eq!(response.message.as_deref(), Some("some_new_conflict"));
    assert_eq!(
        attempts(&counts, "unknown"),
        1,
        "a 409 the client does not know"
    );
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit_or_a_retry_after_too_long() {
    let (base, counts) = start().await;
    let client = reqwest::Client::new();
    let result = policy()
        .send::<AnyError>(|| client.get(format!("{base}/down")))
        .await;
    assert!(matches!(result, Err(SendError::Api(_))), "{result:?}");
    assert_eq!(attempts(&counts, "down"), 3);

    let started = Instant::now();
    let result = policy()
        .send::<AnyError>(|| client.get(format!("{base}/later")))
        .await;
    let Err(SendError::Api(received)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(
        attempts(&counts, "later"),
        1,
        "an hour is longer than the policy waits"
    );
    assert!(received.retry_after().is_some());
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    // A port that was free a moment ago: nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = reqwest::Client::new();
    let tries = AtomicUsize::new(0);
    let result = policy()
        .send::<AnyError>(|| {
            tries.fetch_add(1, Ordering::SeqCst);
            client.get(format!("http://{address}/"))
        })
        .await;
    assert!(matches!(result, Err(SendError::Transport(_))), "{result:?}");
    assert_eq!(tries.load(Ordering::SeqCst), 3);
}

/// A body larger than the limit, and one that stops arriving: what came is kept, with why.
#[tokio::test]
async fn a_huge_or_stalled_body_is_cut_and_kept() {
    use errwire::client::{BodyLimits, Incomplete, ResponseExt, Shape};
    use futures_util::StreamExt;

    let huge = || async {
        let body = format!(r#"{{"message": "{}"}}"#, "x".repeat(1 << 20));
        (StatusCode::BAD_GATEWAY, body)
    };
    let stalled = || async {
        let start = futures_util::stream::once(async {
            Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"{\"message\": \"half"))
        });
        let body = axum::body::Body::from_stream(start.chain(futures_util::stream::pending()));
        (StatusCode::SERVICE_UNAVAILABLE, body)
    };
    let app = axum::Router::new()
        .route("/huge", get(huge))
        .route("/stalled", get(stalled));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let limits = BodyLimits {
        max_bytes: 4096,
        timeout: Duration::from_millis(300),
    };
    let response = reqwest::get(format!("{base}/huge")).await.unwrap();
    let received = response.into_received::<AnyError>(limits).await;
    let cut = received.unknown().expect("not read typed");
    assert_eq!(cut.incomplete, Some(Incomplete::TooLarge { limit: 4096 }));
    assert_eq!(cut.body.len(), 4096);
    assert!(cut.body.starts_with(br#"{"message": "xxx"#));
    assert_eq!(cut.shape, Shape::NotJson, "a cut body is not JSON");

    let response = reqwest::get(format!("{base}/stalled")).await.unwrap();
    let received = response.into_received::<AnyError>(limits).await;
    let stalled = received.unknown().expect("not read typed");
    assert_eq!(
        stalled.incomplete,
        Some(Incomplete::Stalled {
            after: Duration::from_millis(300)
        })
    );
    assert_eq!(stalled.body, b"{\"message\": \"half");
    assert_eq!(stalled.status, StatusCode::SERVICE_UNAVAILABLE);
}

/// A server that accepts connections and never answers: each attempt ends at the policy's
/// timeout, an idempotent request is retried, a `POST` is not (the server may be acting on it).
#[tokio::test]
async fn an_attempt_that_gets_no_answer_ends_at_its_timeout() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            held.push(socket);
        }
    });
    let client = reqwest::Client::new();
    let policy = policy().with_attempt_timeout(Duration::from_millis(200));
    let mut failures = Vec::new();
    let started = Instant::now();
    let result = tokio::time::timeout(
        Duration::from_secs(10),
        policy.send_with::<AnyError>(
            || client.get(format!("http://{address}/")),
            |attempt, failure| failures.push((attempt, failure.to_string())),
        ),
    )
    .await
    .expect("the policy bounds the wait");
    assert!(
        matches!(result, Err(SendError::Timeout(after)) if after == Duration::from_millis(200)),
        "{result:?}"
    );
    assert_eq!(failures.len(), 3, "{failures:?}");
    assert_eq!(failures[2], (3, "no response within 200ms".to_owned()));
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert_eq!(accepted.load(Ordering::SeqCst), 3);

    let result = policy
        .send::<AnyError>(|| client.post(format!("http://{address}/")).body("{}"))
        .await;
    assert!(matches!(result, Err(SendError::Timeout(_))), "{result:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 4, "a POST is sent once");
}

/// Every error response of a retried request reaches the caller with its request id, and
/// `with_idempotent_only` keeps a `POST` that got a 500 from being sent again.
#[tokio::test]
async fn each_failed_attempt_is_seen_and_only_idempotent_requests_may_be_retried() {
    let (base, counts) = start().await;
    let client = reqwest::Client::new();
    let mut seen = Vec::new();
    let result = policy()
        .send_with::<AnyError>(
            || client.post(format!("{base}/broken")),
            |attempt, failure| {
                if let SendError::Api(received) = failure {
                    seen.push((attempt, received.request_id().map(str::to_owned)));
                }
            },
        )
        .await;
    assert!(matches!(result, Err(SendError::Api(_))), "{result:?}");
    let ids = |n: usize| {
        (1..=n)
            .map(|at| (at as u32, Some(format!("req-{at}"))))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        seen,
        ids(3),
        "a POST is retried on a 500 by default, as the seeds do"
    );

    let idempotent = policy().with_idempotent_only(true);
    let result = idempotent
        .send::<AnyError>(|| client.post(format!("{base}/broken")))
        .await;
    assert!(matches!(result, Err(SendError::Api(_))), "{result:?}");
    assert_eq!(attempts(&counts, "broken"), 4, "then once");
    let result = idempotent
        .send::<AnyError>(|| client.get(format!("{base}/broken")))
        .await;
    assert!(matches!(result, Err(SendError::Api(_))), "{result:?}");
    assert_eq!(attempts(&counts, "broken"), 7, "a GET three times");
    let result = idempotent
        .send::<AnyError>(|| client.post(format!("{base}/down")))
        .await;
    assert!(matches!(result, Err(SendError::Api(_))), "{result:?}");
    assert_eq!(
        attempts(&counts, "down"),
        3,
        "a 503 is throttle: retried for any method"
    );
}
