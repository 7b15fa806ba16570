//! The classroom API's errors, declared once in `examples/server.rs`, over gRPC: a tonic server
//! whose one method, `errwire.example.Errors/Send`, answers with the error it is asked for, a
//! `tonic::Status` with Google's rich error model (`ErrorInfo`, `RetryInfo`, `BadRequest`,
//! `Help`, `LocalizedMessage`). No `.proto` file and no `protoc`: its two messages are written
//! with prost's derive.
//!
//! Run with `cargo run --example grpc` (on `127.0.0.1:50051`, or `PORT`); it stops after
//! `STOP_AFTER` seconds, if set. `cargo run --example grpc -- expected` prints, one JSON line per
//! error, what a gRPC client decodes from each status (read here with tonic-types): `.ci/run`
//! has Python's `grpcio` and `grpcio-status` call the server and decode the same.

#[allow(dead_code)]
#[path = "server.rs"]
mod server;
#[path = "grpc_service/mod.rs"]
mod service;

use std::time::Duration;

use serde_json::json;
use tonic::Status;
use tonic_types::StatusExt as _;

/// What a gRPC client decodes from `status`, as JSON.
fn decoded(status: &Status) -> serde_json::Value {
    let details = status.get_error_details();
    let info = details.error_info();
    json!({
        "code": status.code() as i32,
        "message": status.message(),
        "reason": info.map(|info| &info.reason),
        "domain": info.map(|info| &info.domain),
        "metadata": info.map(|info| &info.metadata),
        "retry_delay": details
            .retry_info()
            .and_then(|info| info.retry_delay)
            .map(|delay| delay.as_secs_f64()),
        "violations": details.bad_request().map(|bad| {
            bad.field_violations
                .iter()
                .map(|violation| [&violation.field, &violation.description])
                .collect::<Vec<_>>()
        }),
        "help": details
            .help()
            .map(|help| help.links.iter().map(|link| &link.url).collect::<Vec<_>>()),
        "localized": details
            .localized_message()
            .map(|message| [&message.locale, &message.message]),
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if std::env::args().nth(1).as_deref() == Some("expected") {
        for error in server::errors() {
            println!("{}", decoded(&Status::from(error)));
        }
        return;
    }
    let port = std::env::var("PORT").unwrap_or_else(|_| "50051".to_owned());
    let stop_after = std::env::var("STOP_AFTER")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .map(Duration::from_secs);
    let address = format!("127.0.0.1:{port}").parse().expect("a port number");
    println!("gRPC on {address}: {}", service::METHOD);
    let stopped = async move {
        match stop_after {
            Some(after) => tokio::time::sleep(after).await,
            None => std::future::pending().await,
        }
    };
    tonic::transport::Server::builder()
        .layer(errwire::tonic::ContextLayer)
        .serve_with_shutdown(address, service::Errors(server::errors), stopped)
        .await
        .expect("the server runs");
}
