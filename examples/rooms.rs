//! The classroom API's errors, declared once in `examples/server.rs`, printed without a server:
//! the response a client receives for each, and the catalog an error documentation page is
//! made from.
//!
//! Run with `cargo run --example rooms`; `cargo run --example rooms -- docs [md|html|json]`
//! prints the documentation page the server serves at `/errors`, `-- openapi` its OpenAPI
//! document, `-- openapi aide` (or `utoipa`) the errors' responses as that tool documents them.

#[allow(dead_code)]
#[path = "server.rs"]
mod server;
#[path = "show/mod.rs"]
mod show;

use errwire::{ApiError, RenderContext};
use server::ClassError;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args == ["openapi"] {
        println!("{:#}", server::openapi());
        return;
    }
    if show::print_page_if_asked::<ClassError>(server::PAGE_TITLE) {
        return;
    }
    let errors = server::errors();
    let cx = RenderContext::new()
        .with_request_id("req-7f3a")
        .with_instance("/rooms/math-101");
    for error in &errors {
        println!("# {error}  (the internal text, never sent)");
        show::print_response(error, &cx);
    }

    println!("# The catalog, for the error documentation page");
    for entry in ClassError::catalog().entries {
        let status = entry.status.map_or(0, |status| status.as_u16());
        let code = entry.code.map(|code| code.to_string()).unwrap_or_default();
        println!("{status} {code:<22} {}", entry.description);
    }
}
