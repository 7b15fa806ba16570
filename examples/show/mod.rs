//! Prints a response as it goes on the wire; shared by the examples.

use errwire::{ApiError, RenderContext};

/// Prints the status line, the headers and the body of `error`'s response.
pub fn print_response(error: &dyn ApiError, cx: &RenderContext<'_>) {
    let response = error.envelope().response(error, cx);
    println!("HTTP/1.1 {}", response.status());
    for (name, value) in response.headers() {
        println!("{name}: {}", value.to_str().unwrap_or("<not text>"));
    }
    println!("\n{}\n", String::from_utf8_lossy(response.body()));
}
