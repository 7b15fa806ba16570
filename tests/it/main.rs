//! The integration tests, one binary with a module per area: each `tests/*.rs` file would be a
//! binary of its own, linking every dependency again. Apart stay what needs its own process:
//! `tests/compiletest.rs` (trybuild), `tests/allocations.rs` (owns the global allocator),
//! `tests/load.rs` (measures the process's memory), and `tests/renamed-dependency` (a crate).

mod apis;
mod common;
mod support;

mod aide_responses;
mod api_shape;
mod catalog;
mod client;
mod codes;
mod compat;
mod compat_gate;
mod docs;
mod envelopes;
mod erased;
mod example_server;
mod generics;
mod grpc;
mod hygiene;
mod lints;
mod locales;
mod openapi;
mod properties;
mod response;
mod retry;
mod safety;
mod seed_gateway;
mod seed_pages;
mod seed_verilock;
mod seed_verriflo;
mod seed_verto;
mod server_actix;
mod server_axum;
mod transparent;
mod typescript;
mod utoipa_responses;
