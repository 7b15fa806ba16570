//! A classroom API on axum whose handlers return errwire errors.
//!
//! Run with `cargo run --example server` (port 3000, or `$PORT`); it prints its address and one
//! curl line per error. State lives in memory; recordings are files in a temporary directory.
//! `tests/it/example_server.rs` runs every printed line against the server.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::{Json, Path, Query, State};
use axum::http::{HeaderValue, Request, StatusCode};
use axum::routing::{get, post};
use axum::{Router, middleware};
use errwire::ApiError;
use serde::Deserialize;
use serde_json::{Value, json};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};

/// The title of the page the server serves at `/errors`.
pub const PAGE_TITLE: &str = "Classroom API errors";

/// The error documentation page, served at `/errors` (HTML) and `/errors.json`: the RFC 9457
/// `type` of every problem this server sends opens its entry.
pub fn page() -> errwire::docs::Page {
    errwire::docs::Page::new(PAGE_TITLE)
        .intro(
            "Every error of the classroom API, generated from its error type. Clients switch on \
             the status and the `code`; they retry a 5xx and a 429 (after `Retry-After`), never \
             another 4xx.",
        )
        .error_type::<ClassError>()
}

/// The TypeScript module of the API's errors, served at `/errors.ts`: the handlers' and axum's
/// own, which the middleware sends as `RequestError`s.
pub fn typescript() -> String {
    errwire::typescript::Module::new()
        .error_type::<ClassError>()
        .error_type::<errwire::RequestError<errwire::Problem>>()
        .render()
}

/// The OpenAPI document of the classroom API, served at `/openapi.json`: its operations, their
/// success responses, and every error errwire sends for them, the handlers' and axum's own.
pub fn openapi() -> Value {
    let errors = errwire::openapi::responses_of(&[
        ClassError::catalog(),
        errwire::RequestError::<errwire::Problem>::catalog(),
    ]);
    let json_body = |properties: Value, required: &[&str]| {
        json!({"required": true, "content": {"application/json": {"schema": {
            "type": "object", "properties": properties, "required": required,
        }}}})
    };
    let id = json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]);
    let with_errors = |status: &str, description: &str, content: Value| {
        let mut responses = errors.clone();
        responses[status] = json!({"description": description, "content": content});
        responses
    };
    let json_object = json!({"application/json": {"schema": {"type": "object"}}});
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Classroom API", "version": "1.0.0"},
        "paths": {
            "/rooms": {"post": {
                "operationId": "createRoom",
                "requestBody": json_body(json!({"name": {"type": "string"}}), &["name"]),
                "responses": with_errors("201", "The room", json_object.clone()),
            }},
            "/rooms/{id}/join": {"post": {
                "operationId": "joinRoom",
                "parameters": id,
                "requestBody": json_body(json!({"participant": {"type": "string"}}), &["participant"]),
                "responses": with_errors("200", "The room's participants", json_object.clone()),
            }},
            "/rooms/{id}/end": {"post": {
                "operationId": "endRoom",
                "parameters": id,
                "responses": with_errors("200", "The room, ended", json_object.clone()),
            }},
            "/rooms/{id}/recording": {"get": {
                "operationId": "recording",
                "parameters": id,
                "responses": with_errors(
                    "200",
                    "The recording",
                    json!({"text/plain": {"schema": {"type": "string"}}}),
                ),
            }},
            "/errors": {"get": {
                "operationId": "errorPage",
                "responses": {"200": {"description": "The error documentation page",
                    "content": {"text/html": {"schema": {"type": "string"}}}}},
            }},
            "/errors.ts": {"get": {
                "operationId": "errorModule",
                "responses": {"200": {"description": "The TypeScript module of the API's errors",
                    "content": {"text/typescript": {"schema": {"type": "string"}}}}},
            }},
            "/errors.json": {"get": {
                "operationId": "errorPageJson",
                "responses": {"200": {"description": "The error documentation page as JSON",
                    "content": json_object.clone()}},
            }},
            "/openapi.json": {"get": {
                "operationId": "openapi",
                "responses": {"200": {"description": "This document", "content": json_object}},
            }},
        },
    })
}

/// The errors of the classroom API.
#[derive(Debug, thiserror::Error, ApiError)]
// A path from the server's root: the `type` of each problem opens its entry on the page this
// server serves, whatever its host and port.
//
// Its messages are in English and French: one written inline, the others in
// `examples/locales/fr.ftl`; a request's `Accept-Language` chooses.
#[api(
    rename_all = "snake_case",
    type_base = "/errors#",
    locales = ["en", "fr"],
    fluent = "examples/locales/{locale}.ftl",
    domain = "classes.example.com"
)]
pub enum ClassError {
    /// No room has this id.
    ///
    /// # Causes
    /// - The id is misspelt; ids are case-sensitive.
    /// - The room belongs to another organization, or has not been created yet.
    ///
    /// # Solutions
    /// Check the id against the one `POST /rooms` returned.
    #[error("room {0} not found")]
    #[api(
        status = 404,
        message = "Classroom not found",
        message(fr = "Classe introuvable")
    )]
    RoomNotFound(
        /// The id in the request's path.
        #[api(detail = "room_id", example = "physics-9")]
        String,
    ),

    /// The teacher ended the class; the room cannot be rejoined.
    ///
    /// # Solutions
    /// Create a new room, with a new name, for the next session.
    #[error("room {0} ended")]
    #[api(
        status = 410,
        grpc = "FAILED_PRECONDITION",
        message = "This classroom has ended and cannot be rejoined"
    )]
    RoomEnded(
        /// The id in the request's path.
        #[api(detail = "room_id", example = "history-7")]
        String,
    ),

    /// Another room has this name.
    #[error("name taken by {room_id}")]
    #[api(
        status = 409,
        grpc = "ALREADY_EXISTS",
        message = "A classroom named {name:?} already exists"
    )]
    NameTaken {
        /// The name asked for.
        #[api(example = "Math 101")]
        name: String,
        /// The room that has the name.
        #[api(detail, example = "math-101")]
        room_id: String,
    },

    /// Too many joins of one room in a short time.
    #[error("joins of {room_id} rate limited")]
    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Too many requests. Please retry after {retry_after} seconds."
    )]
    RateLimited {
        room_id: String,
        /// Seconds until the room takes a join again.
        #[api(detail, header = "Retry-After", example = 7)]
        retry_after: u64,
    },

    /// The room id in the path has a character a room id cannot have. Room ids are made of
    /// letters, digits, hyphens and underscores, at most 64 of them.
    #[error("invalid room id {0:?}")]
    #[api(
        status = 400,
        grpc = "INVALID_ARGUMENT",
        code = "invalid_room_id",
        message = "Room ids use only letters, digits, hyphens and underscores"
    )]
    InvalidRoomId(
        /// The id as the request gave it.
        #[api(detail = "room_id", example = "../secret")]
        String,
    ),

    /// Some fields of the request are not valid; the body has the messages of each field.
    #[error("validation failed")]
    #[api(
        status = 422,
        grpc = "INVALID_ARGUMENT",
        code = "validation_error",
        message = "The given data was invalid."
    )]
    Validation(
        /// The messages of each field that is not valid.
        #[api(details, example = r#"{"name": ["The name is required."]}"#)]
        BTreeMap<String, Vec<String>>,
    ),

    /// The recording could not be read; the cause is logged, never sent.
    #[error("recording of {room_id} unreadable")]
    #[api(
        status = 500,
        grpc = "INTERNAL",
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Recording {
        room_id: String,
        #[source]
        source: std::io::Error,
    },
}

/// One error of each variant, with the values the documentation shows.
pub fn errors() -> Vec<ClassError> {
    vec![
        ClassError::RoomNotFound("physics-9".into()),
        ClassError::RoomEnded("history-7".into()),
        ClassError::NameTaken {
            name: "Math 101".into(),
            room_id: "math-101".into(),
        },
        ClassError::RateLimited {
            room_id: "math-101".into(),
            retry_after: 30,
        },
        ClassError::InvalidRoomId("../secret".into()),
        ClassError::Validation(BTreeMap::from([(
            "name".to_owned(),
            vec!["The name is required.".to_owned()],
        )])),
        ClassError::Recording {
            room_id: "art-3".into(),
            source: std::io::Error::other("/var/recordings/art-3.txt: permission denied"),
        },
    ]
}

/// A room id that is safe to use as a file name: letters, digits, `-` and `_`, at most 64.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RoomId(String);

impl RoomId {
    const MAX_LEN: usize = 64;

    /// The id, if it is one; a path such as `../x` or `/tmp/x` is not.
    pub fn parse(id: String) -> Result<Self, ClassError> {
        let valid = !id.is_empty()
            && id.len() <= Self::MAX_LEN
            && id
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
        match valid {
            true => Ok(RoomId(id)),
            false => Err(ClassError::InvalidRoomId(id)),
        }
    }

    /// The id of a new room named `name`: its letters and digits in lowercase, every other run of
    /// characters one `-`; `None` if that leaves nothing.
    fn from_name(name: &str) -> Option<Self> {
        let mut id = String::new();
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                id.push(c);
            } else if !id.is_empty() && !id.ends_with('-') {
                id.push('-');
            }
        }
        id.truncate(Self::MAX_LEN);
        let id = id.trim_end_matches('-');
        (!id.is_empty()).then(|| RoomId(id.to_owned()))
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

/// The joins a room takes in [`JOIN_WINDOW`].
const JOINS_PER_WINDOW: usize = 3;
const JOIN_WINDOW: Duration = Duration::from_secs(10);

struct Room {
    name: String,
    ended: bool,
    participants: Vec<String>,
    recent_joins: VecDeque<Instant>,
}

/// The rooms, in memory, and where recordings are written.
#[derive(Clone)]
pub struct Classes {
    rooms: Arc<Mutex<HashMap<String, Room>>>,
    recordings: PathBuf,
}

impl Classes {
    /// The seeded rooms: `math-101` is live, `history-7` has ended with a recording, and
    /// `art-3` ended before its recording was written.
    pub fn seeded(recordings: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&recordings)?;
        let classes = Classes {
            rooms: Arc::default(),
            recordings,
        };
        for (id, name, ended) in [
            ("math-101", "Math 101", false),
            ("history-7", "History 7", true),
            ("art-3", "Art 3", true),
        ] {
            classes
                .rooms()
                .insert(id.to_owned(), Room::new(name, ended));
        }
        let history = RoomId("history-7".to_owned());
        std::fs::write(classes.recording_path(&history), "History 7, 45 minutes")?;
        Ok(classes)
    }

    fn rooms(&self) -> MutexGuard<'_, HashMap<String, Room>> {
        self.rooms
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Where a room's recording is: inside the recordings folder, whatever the id, because a
    /// [`RoomId`] cannot name a path.
    fn recording_path(&self, room_id: &RoomId) -> PathBuf {
        self.recordings.join(format!("{}.txt", room_id.as_str()))
    }
}

impl Room {
    fn new(name: &str, ended: bool) -> Self {
        Room {
            name: name.to_owned(),
            ended,
            participants: Vec::new(),
            recent_joins: VecDeque::new(),
        }
    }
}

#[derive(Deserialize)]
struct NewRoom {
    name: String,
}

#[derive(Deserialize)]
struct Join {
    participant: String,
}

async fn create_room(
    State(classes): State<Classes>,
    Json(new): Json<NewRoom>,
) -> Result<(StatusCode, Json<Value>), ClassError> {
    let name = new.name.trim();
    let mut messages = Vec::new();
    if name.is_empty() {
        messages.push("The name is required.");
    }
    if name.chars().count() > 100 {
        messages.push("The name must be at most 100 characters.");
    }
    let id = RoomId::from_name(name);
    if !name.is_empty() && id.is_none() {
        messages.push("The name must have a letter or a digit.");
    }
    let (Some(RoomId(id)), true) = (id, messages.is_empty()) else {
        let messages = messages.into_iter().map(str::to_owned).collect();
        return Err(ClassError::Validation(BTreeMap::from([(
            "name".to_owned(),
            messages,
        )])));
    };
    let mut rooms = classes.rooms();
    if let Some((id, _)) = rooms
        .iter()
        .find(|(_, room)| room.name.eq_ignore_ascii_case(name))
    {
        return Err(ClassError::NameTaken {
            name: name.to_owned(),
            room_id: id.clone(),
        });
    }
    if rooms.contains_key(&id) {
        return Err(ClassError::NameTaken {
            name: name.to_owned(),
            room_id: id,
        });
    }
    rooms.insert(id.clone(), Room::new(name, false));
    Ok((StatusCode::CREATED, Json(json!({"id": id, "name": name}))))
}

async fn join_room(
    State(classes): State<Classes>,
    Path(id): Path<String>,
    Json(join): Json<Join>,
) -> Result<Json<Value>, ClassError> {
    let RoomId(id) = RoomId::parse(id)?;
    if join.participant.trim().is_empty() {
        return Err(ClassError::Validation(BTreeMap::from([(
            "participant".to_owned(),
            vec!["The participant is required.".to_owned()],
        )])));
    }
    let mut rooms = classes.rooms();
    let room = rooms
        .get_mut(&id)
        .ok_or_else(|| ClassError::RoomNotFound(id.clone()))?;
    if room.ended {
        return Err(ClassError::RoomEnded(id));
    }
    let now = Instant::now();
    while room
        .recent_joins
        .front()
        .is_some_and(|joined| now.duration_since(*joined) >= JOIN_WINDOW)
    {
        room.recent_joins.pop_front();
    }
    if room.recent_joins.len() >= JOINS_PER_WINDOW {
        let oldest = room.recent_joins[0];
        let wait = JOIN_WINDOW.saturating_sub(now.duration_since(oldest));
        return Err(ClassError::RateLimited {
            room_id: id,
            retry_after: wait.as_secs_f64().ceil() as u64,
        });
    }
    room.recent_joins.push_back(now);
    room.participants.push(join.participant);
    Ok(Json(
        json!({"room_id": id, "participants": room.participants}),
    ))
}

async fn end_room(
    State(classes): State<Classes>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ClassError> {
    let room_id = RoomId::parse(id)?;
    let id = room_id.as_str().to_owned();
    let mut rooms = classes.rooms();
    let room = rooms
        .get_mut(&id)
        .ok_or_else(|| ClassError::RoomNotFound(id.clone()))?;
    if room.ended {
        return Err(ClassError::RoomEnded(id));
    }
    room.ended = true;
    let recording = format!("{}, {} participants", room.name, room.participants.len());
    std::fs::write(classes.recording_path(&room_id), recording).map_err(|source| {
        ClassError::Recording {
            room_id: id.clone(),
            source,
        }
    })?;
    Ok(Json(json!({"room_id": id, "ended": true})))
}

async fn recording(
    State(classes): State<Classes>,
    Path(id): Path<String>,
) -> Result<String, ClassError> {
    let room_id = RoomId::parse(id)?;
    if !classes.rooms().contains_key(room_id.as_str()) {
        return Err(ClassError::RoomNotFound(room_id.0));
    }
    std::fs::read_to_string(classes.recording_path(&room_id)).map_err(|source| {
        ClassError::Recording {
            room_id: room_id.0,
            source,
        }
    })
}

/// Request ids `req-1`, `req-2`, ... for requests that come without an `x-request-id`.
#[derive(Clone, Default)]
struct Sequence(Arc<AtomicU64>);

impl MakeRequestId for Sequence {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        HeaderValue::from_str(&format!("req-{n}"))
            .ok()
            .map(RequestId::new)
    }
}

/// The API: its routes, errwire's middleware for the request context and axum's own errors,
/// and request ids.
pub fn app(classes: Classes) -> Router {
    let page = page();
    let french = page.clone().in_locale("fr").html();
    let (html, json) = (page.html(), page.json());
    let openapi = openapi().to_string();
    let module = typescript();
    Router::new()
        .route(
            "/errors.ts",
            get(|| async { ([("content-type", "text/typescript; charset=utf-8")], module) }),
        )
        .route(
            "/openapi.json",
            get(|| async { ([("content-type", "application/json")], openapi) }),
        )
        .route(
            "/errors",
            get(|Query(query): Query<HashMap<String, String>>| async move {
                // `?lang=fr`: the page's language switch links each locale's page.
                let page = match query.get("lang").map(String::as_str) {
                    Some("fr") => french,
                    _ => html,
                };
                axum::response::Html(page)
            }),
        )
        .route(
            "/errors.json",
            get(|| async { ([("content-type", "application/json")], json) }),
        )
        .route("/rooms", post(create_room))
        .route("/rooms/{id}/join", post(join_room))
        .route("/rooms/{id}/end", post(end_room))
        .route("/rooms/{id}/recording", get(recording))
        .with_state(classes)
        .layer(middleware::from_fn(
            errwire::axum::envelope_errors::<errwire::Problem>,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(Sequence::default()))
}

/// One documented error and the request that produces it against the seeded rooms.
pub struct Try {
    pub error: &'static str,
    pub status: u16,
    pub method: &'static str,
    pub path: &'static str,
    pub body: Option<&'static str>,
    /// How many times the request is sent; the last answer is the error.
    pub times: usize,
    /// The `Accept-Language` sent, if any.
    pub language: Option<&'static str>,
}

pub const TRIES: &[Try] = &[
    Try {
        error: "unknown room",
        status: 404,
        method: "POST",
        path: "/rooms/physics-9/join",
        body: Some(r#"{"participant": "ada"}"#),
        times: 1,
        language: None,
    },
    Try {
        error: "unknown room, in French",
        status: 404,
        method: "POST",
        path: "/rooms/physics-9/join",
        body: Some(r#"{"participant": "ada"}"#),
        times: 1,
        language: Some("fr"),
    },
    Try {
        error: "room ended",
        status: 410,
        method: "POST",
        path: "/rooms/history-7/join",
        body: Some(r#"{"participant": "ada"}"#),
        times: 1,
        language: None,
    },
    Try {
        error: "name taken",
        status: 409,
        method: "POST",
        path: "/rooms",
        body: Some(r#"{"name": "Math 101"}"#),
        times: 1,
        language: None,
    },
    Try {
        error: "rate limited",
        status: 429,
        method: "POST",
        path: "/rooms/math-101/join",
        body: Some(r#"{"participant": "grace"}"#),
        times: JOINS_PER_WINDOW + 1,
        language: None,
    },
    Try {
        error: "validation failed",
        status: 422,
        method: "POST",
        path: "/rooms",
        body: Some(r#"{"name": "  "}"#),
        times: 1,
        language: None,
    },
    Try {
        error: "internal failure",
        status: 500,
        method: "GET",
        path: "/rooms/art-3/recording",
        body: None,
        times: 1,
        language: None,
    },
    Try {
        error: "invalid room id",
        status: 400,
        method: "GET",
        path: "/rooms/..%2F..%2Fetc%2Fpasswd/recording",
        body: None,
        times: 1,
        language: None,
    },
    Try {
        error: "malformed JSON (axum's own)",
        status: 400,
        method: "POST",
        path: "/rooms",
        body: Some(r#"{"name": "#),
        times: 1,
        language: None,
    },
    Try {
        error: "unknown route (axum's own)",
        status: 404,
        method: "GET",
        path: "/classes",
        body: None,
        times: 1,
        language: None,
    },
];

impl Try {
    /// The curl command line for this try against `base`.
    pub fn curl(&self, base: &str) -> String {
        let mut curl = format!("curl -si -X {} {base}{}", self.method, self.path);
        if let Some(language) = self.language {
            curl.push_str(&format!(" -H 'Accept-Language: {language}'"));
        }
        if let Some(body) = self.body {
            curl.push_str(&format!(" -H 'content-type: application/json' -d '{body}'"));
        }
        if self.times > 1 {
            curl = format!("for i in $(seq {}); do {curl}; echo; done", self.times);
        }
        curl
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("typescript") {
        print!("{}", typescript());
        return Ok(());
    }
    // errwire logs each error response here: a 5xx with its source chain, which the body never
    // carries.
    tracing_subscriber::fmt().init();
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let recordings =
        std::env::temp_dir().join(format!("errwire-recordings-{}", std::process::id()));
    let classes = Classes::seeded(recordings)?;

    println!("Classroom API on {base}");
    println!("Rooms: math-101 (live), history-7 (ended), art-3 (ended, recording lost)\n");
    for try_ in TRIES {
        println!("# {} ({})\n{}\n", try_.error, try_.status, try_.curl(&base));
    }
    println!(
        "# The error documentation page (open it in a browser), as JSON, the OpenAPI document and the TypeScript module"
    );
    println!(
        "curl -s {base}/errors\ncurl -s {base}/errors.json\ncurl -s {base}/openapi.json\ncurl -s {base}/errors.ts\n"
    );
    serve(listener, app(classes), HEADER_TIMEOUT).await
}

/// How long a client has to send its request's headers before the connection is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` over HTTP/1.1 as a production server does: a client that has not
/// sent its request's headers within `header_timeout` is disconnected, where `axum::serve`
/// would hold a connection that sends a byte at a time for ever.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was accepted: the
            // listener itself is fine.
            Err(error) => {
                tracing::warn!(%error, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            // A client that goes away, or runs out of time, ends only its own connection.
            let _ = connection.await;
        });
    }
}
