//! A real actix-web server on 127.0.0.1:0, driven by a real HTTP client.

mod support;

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

#[actix_web::test]
async fn errors_over_http() {
    let server = HttpServer::new(|| {
        App::new()
            .wrap(middleware::from_fn(
                errwire::actix::envelope_errors::<Traced, _>,
            ))
            // A resource answers the methods it has no route for with 405.
            .service(web::resource("/rooms/{id}").route(web::get().to(room)))
            .service(web::resource("/rooms").route(web::post().to(create)))
            .service(
                web::resource("/strict")
                    .app_data(web::JsonConfig::default().error_handler(|error, _| {
                        errwire::RequestError::<Traced>::from(error).into()
                    }))
                    .route(web::post().to(create)),
            )
    })
    .workers(1)
    .disable_signals()
    .bind(("127.0.0.1", 0))
    .unwrap();
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);

    let base = format!("http://{address}");
    support::check_scenarios(&base).await;

    // Turned into a `RequestError` by the JSON extractor's own error handler.
    support::check_converted_rejection(&base, 400, "bad_request").await;
    handle.stop(true).await;
}
