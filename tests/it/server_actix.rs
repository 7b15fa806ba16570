//! A real actix-web server on 127.0.0.1:0, driven by a real HTTP client.

use crate::support;

use actix_web::{App, HttpResponse, HttpServer, middleware, web};
use support::{RoomError, Traced};

#[derive(serde::Deserialize)]
struct NewRoom {
    #[allow(dead_code)]
    name: String,
}

async fn room(id: web::Path<String>) -> Result<HttpResponse, RoomError> {
    Err(support::error_for(&id))
}

async fn create(_: web::Json<NewRoom>) -> HttpResponse {
    HttpResponse::Created().finish()
}

/// Responses errwire does not build: `support::routes`.
fn foreign_routes(config: &mut web::ServiceConfig) {
    use actix_web::http::StatusCode;
    use support::routes;

    fn text(status: StatusCode, headers: &[(&str, &str)]) -> actix_web::HttpResponseBuilder {
        let mut builder = HttpResponse::build(status);
        for (name, value) in headers {
            builder.insert_header((*name, *value));
        }
        builder.content_type("text/plain; charset=utf-8");
        builder
    }
    fn endless(status: StatusCode) -> HttpResponse {
        text(status, &[]).streaming(futures_util::stream::pending::<
            Result<bytes::Bytes, actix_web::Error>,
        >())
    }
    config
        .route(
            "/login",
            web::get().to(|| async {
                text(StatusCode::UNAUTHORIZED, routes::LOGIN_HEADERS).body(routes::LOGIN_TEXT)
            }),
        )
        .route(
            "/limited",
            web::get().to(|| async {
                let mut builder = HttpResponse::TooManyRequests();
                for (name, value) in routes::LIMITED_HEADERS {
                    builder.insert_header((*name, *value));
                }
                builder.finish()
            }),
        )
        .route(
            "/legacy",
            web::get().to(|| async {
                HttpResponse::Conflict()
                    .content_type("application/json")
                    .body(routes::LEGACY_BODY)
            }),
        )
        .route(
            "/stall",
            web::get().to(|| async { endless(StatusCode::BAD_REQUEST) }),
        )
        .route(
            "/stall-5xx",
            web::get().to(|| async { endless(StatusCode::BAD_GATEWAY) }),
        );
}

/// Starts the app `factory` makes on 127.0.0.1 with one worker, in this runtime: the server's
/// base URL, and the handle that stops it.
macro_rules! start {
    ($factory:expr) => {{
        let server = HttpServer::new($factory)
            .workers(1)
            .disable_signals()
            .bind(("127.0.0.1", 0))
            .unwrap();
        let address = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        (format!("http://{address}"), handle)
    }};
}

#[actix_web::test]
async fn errors_over_http() {
    let (base, handle) = start!(|| {
        App::new()
            .wrap(middleware::from_fn(
                errwire::actix::envelope_errors::<Traced, _>,
            ))
            // A resource answers the methods it has no route for with 405.
            .service(web::resource("/rooms/{id}").route(web::get().to(room)))
            .service(web::resource("/rooms").route(web::post().to(create)))
            .configure(foreign_routes)
            .service(
                web::resource("/strict")
                    .app_data(web::JsonConfig::default().error_handler(|error, _| {
                        errwire::RequestError::<Traced>::from(error).into()
                    }))
                    .route(web::post().to(create)),
            )
    });
    support::check_scenarios(&base).await;

    // Turned into a `RequestError` by the JSON extractor's own error handler.
    support::check_converted_rejection(&base, 400, "bad_request").await;
    support::check_middleware(&base).await;
    support::check_languages(&base).await;
    handle.stop(true).await;
}

/// An inner middleware's error becomes a response only after errwire's has run: its plain text
/// is put in the envelope, an errwire error keeps its own body, and both keep the request's id.
#[actix_web::test]
async fn an_inner_middleware_s_error_is_enveloped_once_it_is_a_response() {
    async fn guard(
        request: actix_web::dev::ServiceRequest,
        next: middleware::Next<actix_web::body::BoxBody>,
    ) -> Result<actix_web::dev::ServiceResponse, actix_web::Error> {
        match request.path() {
            "/expired" => Err(actix_web::error::ErrorUnauthorized("token expired")),
            "/busy" => Err(support::error_for("busy").into()),
            _ => next.call(request).await,
        }
    }
    let (base, handle) = start!(|| {
        App::new()
            .wrap(middleware::from_fn(guard))
            .wrap(middleware::from_fn(
                errwire::actix::envelope_errors::<Traced, _>,
            ))
            .route("/open", web::get().to(|| async { "open" }))
    });

    let reply = support::send(&base, "GET", "/expired", None).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body["error"], "unauthorized", "{}", reply.body);
    assert_eq!(reply.body["message"], "token expired");
    assert_eq!(reply.header("x-request-id"), Some("req-test-1"));

    let reply = support::send(&base, "GET", "/busy", None).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.body["error"], "rate_limit_exceeded", "{}", reply.body);
    assert_eq!(reply.header("retry-after"), Some("30"));
    assert_eq!(reply.header("x-request-id"), Some("req-test-1"));

    let open = reqwest::get(format!("{base}/open")).await.unwrap();
    assert_eq!(open.status(), 200);
    assert_eq!(open.text().await.unwrap(), "open");
    handle.stop(true).await;
}
