//! Prints a response as it goes on the wire, or an API's documentation page; shared by the
//! examples.

use errwire::{ApiError, RenderContext};

/// The documentation page of `E`, as `cargo run --example NAME -- docs [md|html|json]` prints it.
pub fn page<E: ApiError>(title: &str) -> errwire::docs::Page {
    errwire::docs::Page::new(title).error_type::<E>()
}

/// An OpenAPI document whose one operation, `GET /`, answers with the errors of `E`.
pub fn openapi<E: ApiError>(title: &str) -> serde_json::Value {
    serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": title, "version": "1.0.0"},
        "paths": {"/": {"get": {
            "operationId": "example",
            "responses": errwire::openapi::responses::<E>(),
        }}},
    })
}

/// With the arguments `docs` and a format (`md`, the default, `html` or `json`), prints the
/// documentation page of `E`; with `openapi`, its OpenAPI document; and says so.
pub fn print_page_if_asked<E: ApiError>(title: &str) -> bool {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("docs") => {}
        Some("openapi") => {
            println!("{:#}", openapi::<E>(title));
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

/// Prints the status line, the headers and the body of `error`'s response.
pub fn print_response(error: &dyn ApiError, cx: &RenderContext<'_>) {
    let response = error.envelope().response(error, cx);
    println!("HTTP/1.1 {}", response.status());
    for (name, value) in response.headers() {
        println!("{name}: {}", value.to_str().unwrap_or("<not text>"));
    }
    println!("\n{}\n", String::from_utf8_lossy(response.body()));
}
