//! The example server's API and the four seed APIs, each example included whole (its printing
//! helper, `examples/show`, with it), for the tests that go over all of them.

#![allow(dead_code, clippy::duplicate_mod)]

#[path = "../../../examples/gateway.rs"]
pub mod gateway;
#[path = "../../../examples/grpc_service/mod.rs"]
pub mod grpc_service;
#[path = "../../../examples/server.rs"]
pub mod server;
#[path = "../../../examples/verilock.rs"]
pub mod verilock;
#[path = "../../../examples/verriflo.rs"]
pub mod verriflo;
#[path = "../../../examples/verto.rs"]
pub mod verto;
