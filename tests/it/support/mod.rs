//! What the real-server tests share: the API under test, a captured log, and an HTTP client.

pub mod axum_app;

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
#[api(envelope = Traced, rename_all = "snake_case", locales = ["en", "fr"])]
pub enum RoomError {
    #[error("room {0} not found")]
    #[api(
        status = 404,
        message = "Classroom not found",
        message(fr = "Classe introuvable")
    )]
    NotFound(#[api(detail = "room_id")] String),

    #[error("rate limited")]
    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Too many requests. Please retry after {retry_after} seconds.",
        message(fr = "Trop de requêtes. Réessayez dans {retry_after} secondes.")
    )]
    RateLimited {
        #[api(detail, header = "Retry-After")]
        retry_after: u64,
    },

    #[error("validation failed")]
    #[api(
        status = 422,
        code = "validation_error",
        message = "The given data was invalid.",
        message(fr = "Les données sont invalides.")
    )]
    Validation(#[api(details)] BTreeMap<&'static str, Vec<&'static str>>),

    #[error("database failed")]
    #[api(
        status = 500,
        code = "server_error",
        message = "An unexpected error occurred",
        message(fr = "Une erreur inattendue est survenue")
    )]
    Database(#[source] std::io::Error),

    #[error("the room changed meanwhile")]
    #[api(
        status = 409,
        code = "conflict",
        message = "The room changed meanwhile",
        message(fr = "La classe a changé entre-temps")
    )]
    Conflict {
        /// A detail whose `Serialize` fails: the body cannot be written.
        #[api(detail)]
        version: Unwritable,
    },
}

/// A value whose serialization always fails.
#[derive(Debug)]
pub struct Unwritable;

impl serde::Serialize for Unwritable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(
            "a version that cannot be written",
        ))
    }
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
        "ansi" => RoomError::Database(std::io::Error::other(
            "\u{1b}[31mforged\nERROR line\u{1b}[0m",
        )),
        "unwritable" => RoomError::Conflict {
            version: Unwritable,
        },
        room => RoomError::NotFound(room.to_owned()),
    }
}

/// Whether this process is the child that runs `test` (its path in this binary) with
/// `ERRWIRE=overwrite`: run the test's body then. Otherwise starts that child, waits for it and
/// asserts that the test passed there, so that no other test of this binary sees the variable.
pub fn in_child_with_overwrite(test: &str) -> bool {
    const CHILD: &str = "ERRWIRE_TEST_CHILD";
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--test-threads=1", "--nocapture"])
        .env("ERRWIRE", "overwrite")
        .env(CHILD, "1")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{test} failed in its child process:\n{printed}"
    );
    assert!(
        printed.contains("1 passed"),
        "{test} did not run:\n{printed}"
    );
    false
}

/// What was logged since `before` was read.
pub fn log_after(before: &str) -> String {
    log().get(before.len()..).unwrap_or_default().to_owned()
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

    // A 409 whose body cannot be written goes out as the failsafe 500, and is logged as that.
    let reply = send(base, "GET", "/rooms/unwritable", None).await;
    assert_eq!(reply.status, 500);
    assert_eq!(reply.body.get("details"), None);
    let log = log_after(&log);
    let failsafe = log
        .lines()
        .find(|line| line.contains("code=conflict"))
        .expect("the failed render is logged");
    assert!(failsafe.contains("ERROR"), "{failsafe}");
    assert!(failsafe.contains("status=500"), "{failsafe}");
    assert!(failsafe.contains("declared=409"), "{failsafe}");
    assert!(failsafe.contains("failsafe 500"), "{failsafe}");
    assert!(
        !log.lines()
            .any(|line| line.contains("code=conflict") && line.contains("status=409")),
        "logged as what was not sent:\n{log}"
    );

    // A request id beyond the bound is not echoed; one at the bound is.
    let client = reqwest::Client::new();
    for (length, echoed) in [
        (errwire::MAX_REQUEST_ID, true),
        (errwire::MAX_REQUEST_ID + 1, false),
        (16 * 1024, false),
    ] {
        let id = "r".repeat(length);
        let response = client
            .get(format!("{base}/rooms/math-101"))
            .header("x-request-id", &id)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{length}");
        let header = response
            .headers()
            .get("x-request-id")
            .map(|value| value.len());
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        let in_body = body.get("request_id").and_then(Value::as_str).map(str::len);
        if echoed {
            assert_eq!((header, in_body), (Some(length), Some(length)));
        } else {
            assert_ne!(header, Some(length), "{length}: not echoed");
            assert_ne!(in_body, Some(length), "{length}: not in the body");
        }
    }

    let reply = send(base, "POST", "/rooms", Some(r#"{"name": "#)).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body["error"], "bad_request");
    let message = reply.body["message"].as_str().unwrap();
    assert!(
        message.contains("EOF") || message.contains("end of"),
        "the framework's explanation is the message: {message}"
    );
    assert_eq!(reply.body.get("details"), None);
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
/// framework's explanation as the message.
pub async fn check_converted_rejection(base: &str, status: u16, code: &str) {
    let reply = send(base, "POST", "/strict", Some(r#"{"name": 7}"#)).await;
    assert_eq!(reply.status, status);
    assert_eq!(reply.body["error"], code);
    assert_eq!(reply.body["request_id"], "req-test-1");
    let message = reply.body["message"].as_str().unwrap();
    assert!(message.contains("invalid type: integer `7`"), "{message}");
}

/// The routes both servers add for [`check_middleware`]: responses errwire did not build.
pub mod routes {
    /// `GET /login`: a 401 with a challenge, caching and CORS headers, an `ETag`, and text.
    pub const LOGIN_TEXT: &str = "Missing bearer token";
    pub const LOGIN_HEADERS: &[(&str, &str)] = &[
        ("www-authenticate", "Bearer realm=\"rooms\""),
        ("cache-control", "no-store"),
        ("access-control-allow-origin", "*"),
        ("etag", "\"v1\""),
    ];
    /// `GET /limited`: a 429 from a rate limiter, with its headers and no body.
    pub const LIMITED_HEADERS: &[(&str, &str)] =
        &[("retry-after", "7"), ("ratelimit", "\"default\";r=0;t=7")];
    /// `GET /legacy`: a 409 with the handler's own JSON body.
    pub const LEGACY_BODY: &str = r#"{"legacy":true,"reason":"kept as it is"}"#;
    // `GET /stall`: a 400 in plain text whose body never ends; `GET /stall-5xx`: a 502 so.
}

/// The status, headers and body of a raw HTTP/1.1 `GET` of `path`, written byte for byte (a
/// client would percent-encode it).
pub async fn raw_get(base: &str, path: &[u8]) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut request = b"GET ".to_vec();
    request.extend_from_slice(path);
    request.extend_from_slice(b" HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n");
    stream.write_all(&request).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer[9..12].parse().unwrap();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// The middleware's rules over HTTP, for both servers: which responses it envelopes, the headers
/// it keeps, the bounds on reading a body, the instance as a URI, the log's escaping.
pub async fn check_middleware(base: &str) {
    capture_logs();

    let reply = send(base, "GET", "/login", None).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body["error"], "unauthorized");
    assert_eq!(reply.body["message"], routes::LOGIN_TEXT);
    for (name, value) in &routes::LOGIN_HEADERS[..3] {
        assert_eq!(reply.header(name), Some(*value), "{name} is kept");
    }
    assert_eq!(
        reply.header("etag"),
        None,
        "the replaced body's ETag is not"
    );

    let reply = send(base, "GET", "/limited", None).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.body["error"], "too_many_requests");
    for (name, value) in routes::LIMITED_HEADERS {
        assert_eq!(reply.header(name), Some(*value), "{name} is kept");
    }

    let client = reqwest::Client::new();
    let legacy = client.get(format!("{base}/legacy")).send().await.unwrap();
    assert_eq!(legacy.status(), 409);
    assert_eq!(legacy.headers()["content-type"], "application/json");
    assert_eq!(
        legacy.text().await.unwrap(),
        routes::LEGACY_BODY,
        "a handler's own body passes through"
    );

    for (path, status, within) in [
        ("/stall", 400, std::time::Duration::from_secs(5)),
        ("/stall-5xx", 502, std::time::Duration::from_millis(800)),
    ] {
        let started = std::time::Instant::now();
        let reply = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            send(base, "GET", path, None),
        )
        .await
        .unwrap_or_else(|_| panic!("{path}: no answer in 10 s"));
        let took = started.elapsed();
        assert_eq!(reply.status, status, "{path}");
        assert!(
            took < within,
            "{path} answered in {took:?}, not within {within:?}"
        );
        assert!(reply.body["message"].is_string(), "{path}: {}", reply.body);
    }

    // Characters a URI cannot hold that HTTP parsers let through in a request line.
    let (status, body) = raw_get(base, b"/nowhere/{b}|c^").await;
    assert_eq!(status, 404);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["instance"], "/nowhere/%7Bb%7D%7Cc%5E");

    let reply = send(base, "GET", "/rooms/ansi", None).await;
    assert_eq!(reply.status, 500);
    let log = log();
    let line = log
        .lines()
        .find(|line| line.contains("forged"))
        .expect("the source chain is logged");
    assert!(line.contains("\\u{1b}[31mforged\\nERROR line"), "{line}");
    assert!(
        !log.contains('\u{1b}'),
        "no escape sequence reaches the log"
    );
}

/// The language of a handler's error follows `Accept-Language`; nothing else about it changes.
pub async fn check_languages(base: &str) {
    let client = reqwest::Client::new();
    let get = |path: &'static str, language: Option<String>| {
        let mut request = client.get(format!("{base}{path}"));
        if let Some(language) = language {
            request = request.header("accept-language", language);
        }
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
            (status, headers, body)
        }
    };
    let (status, headers, body) = get("/rooms/busy", Some("fr-CH, en;q=0.5".into())).await;
    assert_eq!(status, 429);
    assert_eq!(
        body["message"],
        "Trop de requêtes. Réessayez dans 30 secondes."
    );
    assert_eq!(headers["content-language"], "fr");
    assert_eq!(headers["vary"], "accept-language");
    assert_eq!(headers["retry-after"], "30");
    let (_, _, english) = get("/rooms/busy", None).await;
    for member in ["error", "details"] {
        assert_eq!(body[member], english[member], "{member} in every language");
    }
    let hostile = [
        "de".to_owned(),
        "*".to_owned(),
        String::new(),
        "fr;q=0, de".to_owned(),
        "fr-".repeat(3_500),
        "~garbage,,;q=x;;=é".to_owned(),
    ];
    for language in hostile {
        let shown: String = language.chars().take(20).collect();
        let (status, headers, body) = get("/rooms/physics-9", Some(language)).await;
        assert_eq!(status, 404, "{shown:?}");
        assert_eq!(body["message"], "Classroom not found", "{shown:?}");
        assert_eq!(headers["content-language"], "en", "{shown:?}");
    }
    let (_, headers, body) = get("/rooms/physics-9", Some("fr".into())).await;
    assert_eq!(body["message"], "Classe introuvable");
    assert_eq!(headers["content-language"], "fr");
}
