//! What the real-server tests share: the API under test, a captured log, and an HTTP client.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use errwire::ApiError;
use serde_json::Value;

errwire::envelope! {
    /// `Flat`, with the request's id and path.
    pub struct Traced {
        "error": code?,
        "message": message,
        "details": details?,
        "request_id": request_id?,
        "instance": instance?,
    }
}

/// The errors of the classroom API served in the tests.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = Traced, rename_all = "snake_case")]
pub enum RoomError {
    #[error("room {0} not found")]
    #[api(status = 404, message = "Classroom not found")]
    NotFound(#[api(detail = "room_id")] String),

    #[error("rate limited")]
    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Too many requests. Please retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(detail, header = "Retry-After")]
        retry_after: u64,
    },

    #[error("validation failed")]
    #[api(
        status = 422,
        code = "validation_error",
        message = "The given data was invalid."
    )]
    Validation(#[api(details)] BTreeMap<&'static str, Vec<&'static str>>),

    #[error("database failed")]
    #[api(
        status = 500,
        code = "server_error",
        message = "An unexpected error occurred"
    )]
    Database(#[source] std::io::Error),
}

/// The error each route of the test API answers with.
pub fn error_for(route: &str) -> RoomError {
    match route {
        "busy" => RoomError::RateLimited { retry_after: 30 },
        "invalid" => {
            RoomError::Validation(BTreeMap::from([("name", vec!["The name is required."])]))
        }
        "broken" => RoomError::Database(std::io::Error::other(
            "connection to db.internal refused: password=hunter2",
        )),
        room => RoomError::NotFound(room.to_owned()),
    }
}

/// Everything logged through `tracing` in this test binary, from every thread.
pub fn log() -> String {
    String::from_utf8_lossy(&captured().lock().unwrap()).into_owned()
}

fn captured() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let writer = Capture(Arc::clone(&log));
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber per binary");
        log
    })
}

/// Installs the capturing subscriber; call it before the server starts.
pub fn capture_logs() {
    captured();
}

#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A response as the tests read it.
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }
}

/// Sends `method path` with an optional JSON body text to the server at `base`.
pub async fn send(base: &str, method: &str, path: &str, json: Option<&str>) -> Reply {
    let client = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = client
        .request(method, format!("{base}{path}"))
        .header("x-request-id", "req-test-1");
    if let Some(json) = json {
        request = request
            .header("content-type", "application/json")
            .body(json.to_owned());
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = if status == 201 {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: not JSON: {text:?}"))
    };
    Reply {
        status,
        headers,
        body,
    }
}

/// The checks both servers must pass: the API's own errors, and the framework's, over HTTP.
///
/// The server answers `GET /rooms/{id}` with `error_for(id)` and takes `POST /rooms` with a
/// JSON body `{"name": ...}`; nothing else is routed.
pub async fn check_scenarios(base: &str) {
    capture_logs();

    let reply = send(base, "GET", "/rooms/math-101", None).await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("x-request-id"), Some("req-test-1"));
    assert_eq!(
        reply.body,
        serde_json::json!({
            "error": "not_found", "message": "Classroom not found",
            "details": {"room_id": "math-101"},
            "request_id": "req-test-1", "instance": "/rooms/math-101",
        })
    );

    let reply = send(base, "GET", "/rooms/busy", None).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("30"));
    assert_eq!(
        reply.body["details"],
        serde_json::json!({"retry_after": 30})
    );
    assert_eq!(
        reply.body["message"],
        "Too many requests. Please retry after 30 seconds."
    );

    let reply = send(base, "GET", "/rooms/invalid", None).await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.body["details"],
        serde_json::json!({"name": ["The name is required."]})
    );

    let reply = send(base, "GET", "/rooms/broken", None).await;
    assert_eq!(reply.status, 500);
    assert_eq!(
        reply.body,
        serde_json::json!({
            "error": "server_error", "message": "An unexpected error occurred",
            "request_id": "req-test-1", "instance": "/rooms/broken",
        })
    );
    let log = log();
    let logged = log
        .lines()
        .find(|line| line.contains("hunter2"))
        .expect("the source chain is logged");
    assert!(logged.contains("ERROR"), "{logged}");
    assert!(
        logged.contains("database failed: connection to db.internal refused"),
        "{logged}"
    );
    let client_error = log
        .lines()
        .find(|line| line.contains("status=422"))
        .expect("a 4xx is logged");
    assert!(client_error.contains("DEBUG"), "{client_error}");

    let reply = send(base, "POST", "/rooms", Some(r#"{"name": "#)).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body["error"], "bad_request");
    assert_eq!(reply.body["message"], "Bad Request");
    assert!(
        reply.body["details"]["reason"].is_string(),
        "{}",
        reply.body
    );
    assert_eq!(reply.body["request_id"], "req-test-1");

    let reply = send(base, "POST", "/rooms", Some(r#"{"name": "math-101"}"#)).await;
    assert_eq!(reply.status, 201);

    let reply = send(base, "GET", "/nowhere", None).await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.body,
        serde_json::json!({
            "error": "not_found", "message": "Not Found",
            "request_id": "req-test-1", "instance": "/nowhere",
        })
    );
    assert_eq!(reply.header("x-request-id"), Some("req-test-1"));

    let reply = send(base, "DELETE", "/rooms/math-101", None).await;
    assert_eq!(reply.status, 405);
    assert_eq!(reply.body["error"], "method_not_allowed");
}

/// Checks `POST /strict`, whose JSON error the server turns into a `RequestError` itself: a
/// mistyped field gives `status` and `code` (frameworks disagree on 400 or 422), with the
/// framework's explanation as the reason.
pub async fn check_converted_rejection(base: &str, status: u16, code: &str) {
    let reply = send(base, "POST", "/strict", Some(r#"{"name": 7}"#)).await;
    assert_eq!(reply.status, status);
    assert_eq!(reply.body["error"], code);
    assert_eq!(reply.body["request_id"], "req-test-1");
    let reason = reply.body["details"]["reason"].as_str().unwrap();
    assert!(reason.contains("invalid type: integer `7`"), "{reason}");
}
