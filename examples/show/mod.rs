//! Prints a response as it goes on the wire, or an API's documentation page; shared by the
//! examples.

use errwire::{ApiError, RenderContext};

/// The documentation page of `E`, as `cargo run --example NAME -- docs [md|html|json]` prints it.
pub fn page<E: ApiError>(title: &str) -> errwire::docs::Page {
    errwire::docs::Page::new(title).error_type::<E>()
}

/// What the derive gives an error type with the `aide`, `axum` and `utoipa` features.
pub trait Documented:
    ApiError
    + aide::OperationOutput
    + axum::response::IntoResponse
    + utoipa::IntoResponses
    + Send
    + 'static
{
}

impl<E> Documented for E where
    E: ApiError
        + aide::OperationOutput
        + axum::response::IntoResponse
        + utoipa::IntoResponses
        + Send
        + 'static
{
}

/// An OpenAPI document whose one operation, `GET /`, answers with the errors of `E`, built by
/// `tool`: `None` for errwire's own `errwire::openapi::responses`, `Some("aide")` for aide's
/// router (the handler returns `Result<(), E>`), `Some("utoipa")` for utoipa's builder (`E`
/// named as the operation's responses).
pub fn openapi<E: Documented>(title: &str, tool: Option<&str>) -> serde_json::Value {
    match tool {
        None => serde_json::json!({
            "openapi": "3.1.0",
            "info": {"title": title, "version": "1.0.0"},
            "paths": {"/": {"get": {
                "operationId": "example",
                "responses": errwire::openapi::responses::<E>(),
            }}},
        }),
        Some("aide") => {
            let mut api = aide::openapi::OpenApi {
                info: aide::openapi::Info {
                    title: title.to_owned(),
                    version: "1.0.0".to_owned(),
                    ..Default::default()
                },
                ..Default::default()
            };
            let _: axum::Router = aide::axum::ApiRouter::new()
                .api_route(
                    "/",
                    aide::axum::routing::get_with(
                        || async { Result::<(), E>::Ok(()) },
                        |operation| operation.id("example"),
                    ),
                )
                .finish_api(&mut api);
            serde_json::to_value(api).expect("aide's document is JSON")
        }
        Some("utoipa") => {
            use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
            use utoipa::openapi::{Info, OpenApiBuilder, PathsBuilder, ResponsesBuilder};
            let responses = ResponsesBuilder::new()
                .responses_from_into_responses::<E>()
                .build();
            let operation = OperationBuilder::new()
                .operation_id(Some("example"))
                .responses(responses);
            let paths = PathsBuilder::new()
                .path("/", PathItem::new(HttpMethod::Get, operation))
                .build();
            let document = OpenApiBuilder::new()
                .info(Info::new(title, "1.0.0"))
                .paths(paths)
                .build();
            serde_json::to_value(document).expect("utoipa's document is JSON")
        }
        Some(other) => panic!("no OpenAPI tool {other:?}: aide or utoipa"),
    }
}

/// With the arguments `docs` and a format (`md`, the default, `html` or `json`), prints the
/// documentation page of `E`; with `openapi` and optionally `aide` or `utoipa`, its OpenAPI
/// document built that way; with `typescript`, the TypeScript module of its errors; and says so.
pub fn print_page_if_asked<E: Documented>(title: &str) -> bool {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("docs") => {}
        Some("typescript") => {
            print!("{}", typescript::<E>());
            return true;
        }
        Some("openapi") => {
            println!("{:#}", openapi::<E>(title, args.next().as_deref()));
            return true;
        }
        _ => return false,
    }
    let page = page::<E>(title);
    match args.next().as_deref() {
        Some("html") => print!("{}", page.html()),
        Some("json") => print!("{}", page.json()),
        _ => print!("{}", page.markdown()),
    }
    true
}

/// The TypeScript module of `E`'s errors, as `cargo run --example NAME -- typescript` prints it.
pub fn typescript<E: ApiError>() -> String {
    errwire::typescript::Module::new()
        .error_type::<E>()
        .render()
}

/// Prints the status line, the headers and the body of `error`'s response.
pub fn print_response(error: &dyn ApiError, cx: &RenderContext<'_>) {
    let response = error.envelope().response(error, cx);
    println!("HTTP/1.1 {}", response.status());
    for (name, value) in response.headers() {
        println!("{name}: {}", value.to_str().unwrap_or("<not text>"));
    }
    println!("\n{}\n", String::from_utf8_lossy(response.body()));
}
