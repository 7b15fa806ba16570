//! The middleware for actix-web, measured as for axum (`serve.rs`): an app behind
//! `envelope_errors` against the same routes behind a pass-through `middleware::from_fn` whose
//! error responses are written by hand with the same status, headers and bytes.
//!
//! Operations `actix-ok`, `actix-error` and `actix-404`, each on the sides `hand` and `errwire`.

use std::hint::black_box;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, Error, HttpRequest, HttpResponse, test, web};
use criterion::BenchmarkGroup;
use criterion::measurement::WallTime;
use errwire::Problem;

use super::Wide;
use super::serve::{MISSING, NOT_FOUND};

async fn pass(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    next.call(request).await
}

/// The response of `problem` for `request`, as a hand-written handler builds it.
fn hand_response(request: &HttpRequest, problem: super::serve::Fixed) -> HttpResponse {
    let request_id = request
        .headers()
        .get("x-request-id")
        .filter(|id| id.len() <= errwire::MAX_REQUEST_ID)
        .and_then(|id| id.to_str().ok());
    let problem = problem.with(request.path(), request_id);
    let mut bytes = Vec::with_capacity(512);
    serde_json::to_writer(&mut bytes, &problem).unwrap();
    let status = actix_web::http::StatusCode::from_u16(problem.status).unwrap();
    let mut response = HttpResponse::build(status);
    response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
    if let Some(id) = request_id {
        response.insert_header(("x-request-id", id));
    }
    response.body(bytes)
}

/// A request as actix-web's parser makes one: its path and header values share the
/// connection's read buffer.
fn request(operation: &str) -> actix_http::Request {
    let (path, id) = super::serve::shared_head(operation);
    let mut request = test::TestRequest::get()
        .insert_header(("x-request-id", HeaderValue::from_maybe_shared(id).unwrap()))
        .to_request();
    request.head_mut().uri = actix_web::http::Uri::from_maybe_shared(path).unwrap();
    request
}

/// The response to one request: status, headers but the length, body.
async fn serve<S, B>(
    app: &S,
    request: actix_http::Request,
) -> (u16, Vec<(String, Vec<u8>)>, web::Bytes)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    let response = app.call(request).await.unwrap();
    let status = response.status().as_u16();
    let mut headers: Vec<(String, Vec<u8>)> = response
        .headers()
        .iter()
        .filter(|(name, _)| **name != header::CONTENT_LENGTH)
        .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
        .collect();
    headers.sort();
    (status, headers, test::read_body(response).await)
}

/// The app behind a pass-through middleware, its errors written by hand, and the app behind
/// errwire's middleware.
async fn apps() -> (
    impl Service<actix_http::Request, Response = ServiceResponse<impl MessageBody>, Error = Error>,
    impl Service<actix_http::Request, Response = ServiceResponse<impl MessageBody>, Error = Error>,
) {
    let hand = test::init_service(
        App::new()
            .wrap(from_fn(pass))
            .route("/rooms/{id}", web::get().to(|| async { "room" }))
            .route(
                "/missing",
                web::get()
                    .to(|request: HttpRequest| async move { hand_response(&request, MISSING) }),
            )
            .default_service(web::to(|request: HttpRequest| async move {
                hand_response(&request, NOT_FOUND)
            })),
    )
    .await;
    let errwire = test::init_service(
        App::new()
            .wrap(from_fn(errwire::actix::envelope_errors::<Problem, _>))
            .route("/rooms/{id}", web::get().to(|| async { "room" }))
            .route(
                "/missing",
                web::get().to(|| async { Err::<HttpResponse, _>(Wide::U03) }),
            ),
    )
    .await;
    (hand, errwire)
}

/// Runs `operation` of `side` `runs` times after one warm run, all in one `block_on`.
pub fn run(operation: &str, side: &str, runs: usize) {
    actix_web::rt::System::new().block_on(async {
        let (hand, errwire) = apps().await;
        for _ in 0..=runs {
            match side {
                "hand" => black_box(serve(&hand, black_box(request(operation))).await),
                "errwire" => black_box(serve(&errwire, black_box(request(operation))).await),
                _ => panic!("no side {side}"),
            };
        }
    });
}

/// Times `operation` on both sides, each request in its own `block_on`, as criterion's
/// iterations are not `async`.
pub fn time(group: &mut BenchmarkGroup<'_, WallTime>, operation: &str) {
    let system = actix_web::rt::System::new();
    let (hand, errwire) = system.block_on(apps());
    group.bench_function("hand-written", |b| {
        b.iter(|| system.block_on(serve(&hand, black_box(request(operation)))));
    });
    group.bench_function("errwire", |b| {
        b.iter(|| system.block_on(serve(&errwire, black_box(request(operation)))));
    });
}

/// Both sides answer each request with the same status, headers and bytes.
pub fn check() {
    actix_web::rt::System::new().block_on(async {
        let (hand, errwire) = apps().await;
        for operation in ["actix-ok", "actix-error", "actix-404"] {
            let ours = serve(&errwire, request(operation)).await;
            let theirs = serve(&hand, request(operation)).await;
            assert_eq!(ours, theirs, "{operation}");
        }
    });
}
