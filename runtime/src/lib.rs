//! Declare an HTTP API's errors once, on the error type, and let the compiler check them.
//!
//! ```
//! use errwire::ApiError as _; // the trait's methods, without taking the name `ApiError`
//!
//! #[derive(Debug, thiserror::Error, errwire::ApiError)]
//! #[api(rename_all = "snake_case")]
//! enum RoomError {
//!     /// The room id does not exist, or belongs to another organization.
//!     #[error("room {0} not found")]
//!     #[api(status = 404, message = "Classroom not found")]
//!     NotFound(String),
//!
//!     #[error("rate limited")]
//!     #[api(status = 429, code = "rate_limit_exceeded",
//!           message = "Too many requests. Please retry after {retry_after} seconds.")]
//!     RateLimited {
//!         #[api(detail, header = "Retry-After")]
//!         retry_after: u64,
//!     },
//!
//!     #[error("database failed: {0}")]
//!     #[api(status = 500, message = "An unexpected error occurred")]
//!     Database(#[source] std::io::Error), // its text is never sent
//! }
//!
//! let response = RoomError::RateLimited { retry_after: 30 }.to_response();
//! assert_eq!(response.status(), 429);
//! assert_eq!(response.headers()["retry-after"], "30");
//! assert_eq!(response.headers()["content-type"], "application/problem+json");
//! let body: serde_json::Value = serde_json::from_slice(response.body())?;
//! assert_eq!(body, serde_json::json!({
//!     "type": "about:blank",
//!     "title": "Too Many Requests",
//!     "status": 429,
//!     "detail": "Too many requests. Please retry after 30 seconds.",
//!     "code": "rate_limit_exceeded",
//!     "retry_after": 30,
//! }));
//!
//! let secret = std::io::Error::other("password=hunter2");
//! let response = RoomError::Database(secret).to_response();
//! assert!(!String::from_utf8_lossy(response.body()).contains("hunter2"));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # What the derive reads
//!
//! On the type (an enum, or a struct, which also takes the variant keys):
//!
//! | attribute | meaning |
//! |---|---|
//! | `envelope = Path` | the body's shape, an [`Envelope`]; default [`Problem`] (RFC 9457) |
//! | `rename_all = "snake_case"` | the code of a variant without `code`, from its name: `snake_case`, `SCREAMING_SNAKE_CASE`, `camelCase`, `PascalCase` or `kebab-case` |
//! | `status = 400` | the status of variants that do not give one |
//! | `type_base = "https://..."` | the RFC 9457 `type` URI is this prefix followed by the code; a path from the server's root (`"/errors#"`) is resolved by clients against the response's URL |
//! | `header(Name = "value")` | a fixed header on every response of the type; repeatable |
//! | `crate = path` | where errwire is, if the dependency is renamed |
//! | `retired = ["old_code"]` | codes the API no longer sends and never will again: reusing one is a compile error, and the compatibility gate does not count their removal |
//! | `domain = "rooms.example.com"` | the type's errors are gRPC errors in this `ErrorInfo` domain (AIP-193): each variant has a gRPC code and reason ([`grpc`]), checked when compiling |
//!
//! On a variant:
//!
//! | attribute | meaning |
//! |---|---|
//! | `status = 409`, `status = StatusCode::CONFLICT` | the HTTP status, a 4xx or 5xx |
//! | `code = "conflict"`, `code = 1001` | the machine code, a string or an integer (the codes of one type are all strings or all integers); none if absent |
//! | `shared_code` | allows two variants to share a code on purpose (both say it), e.g. one code for 500 and 503 |
//! | `message = "Room {room_id} exists"` | the public message: `{field}`, `{0}`, and format specs such as `{id:>8}` or `{0:?}`; default: the reason phrase |
//! | `title = "..."` | a short summary of the kind of problem |
//! | `expose` | lets a 5xx variant show its fields in the message and details |
//! | `transparent` | every fact comes from the single field, itself an [`ApiError`]; the body is in the outer type's envelope |
//! | `header(Name = "value")` | a fixed header; repeatable |
//! | `grpc = "FAILED_PRECONDITION"` | the gRPC code, on a type with a `domain`; default the one googleapis' `code.proto` maps the status to, and required where it maps to several (400, 409, 500) or none |
//! | `reason = "SEAT_TAKEN"` | the gRPC `ErrorInfo` reason, UPPER_SNAKE_CASE and at most 63 characters; default the code (else the variant's name) in UPPER_SNAKE_CASE |
//! | `retry = "throttle"`, `"transient"`, `"never"` | whether a client retries the request: after `Retry-After`, with backoff, or not; default [by status](catalog::Retry::for_status) (429 and 503 throttle, 408 and other 5xx transient, other 4xx never) |
//!
//! Doc comments on the type, a variant and a field become the descriptions of its
//! [catalog](catalog::Catalog), which the documentation page shows; `#[deprecated]` variants are
//! marked there.
//!
//! On a field (fields are private unless marked):
//!
//! | attribute | meaning |
//! |---|---|
//! | `detail`, `detail = "wire_name"` | an entry of the body's details |
//! | `details` | the field is the whole details object, e.g. a map from field to messages; it must serialize as a JSON object (a map or a struct), or an envelope that flattens details sends its failsafe 500 |
//! | `example = "math-101"` | the value the documentation page's example body shows: a string, number or boolean literal, or JSON text in a string for an array, object or other type |
//! | `header = "Retry-After"` | a header from the field: integers and `Duration` as delay-seconds, `SystemTime` as an HTTP-date, strings as they are, other types through `Display` ([`ToHeaderValue`]); a field whose type is a type parameter needs [`ToHeaderValue`] |
//!
//! Every misuse is a compile error at the offending token that says how to fix it: a status that is
//! not an error status, an unknown or misplaced key, a placeholder naming no field, a 5xx message
//! that would show a field without `expose`, two variants with one code, `Retry-After` on a status
//! other than 413, 429 or 503, and more.
//!
//! A generic type gets bounds only on the parameters its fields need (`Serialize` for a detail,
//! the format trait for a message placeholder, [`ToHeaderValue`] for a header, [`ApiError`] for
//! a `transparent` field). Its source chain reaches the `tracing` log when the type is a
//! `std::error::Error` under the bounds declared on its parameters: an `Error` impl that needs
//! `T: Debug` logs the chain of `enum E<T: Debug>`, and not of `enum E<T>`.
//!
//! Name the derive by its path, `#[derive(errwire::ApiError)]`, and import the trait as
//! `use errwire::ApiError as _;`: then an error enum of your own may be called `ApiError`, the
//! most common name for one.
//!
//! # Envelopes
//!
//! Where each fact goes in the body is the envelope's business: [`Problem`] (RFC 9457, the
//! default), [`Flat`], [`Nested`] and [`JsonApi`] are built in; [`envelope!`] declares any other
//! shape from a JSON template of literals and slots, checked when it compiles, and [`Envelope`]
//! can be implemented by hand. A [`RenderContext`] carries the per-request values (request id,
//! instance) into [`ApiError::to_response_with`], which renders in the type's own envelope;
//! [`Flat::response(&error, &cx)`](Envelope::response) renders in another.
//!
//! # Writing the trait by hand
//!
//! A type that cannot derive (a foreign error wrapped by hand, a status chosen at run time)
//! implements four methods: [`catalog`](ApiError::catalog), the one place that names its
//! envelope (and, for its page and OpenAPI, its errors), [`status`](ApiError::status),
//! [`code`](ApiError::code) and [`fmt_message`](ApiError::fmt_message). The facts `title`,
//! `retry`, `details` (with [`DetailFields`]), `headers` and `as_error` have defaults that mean
//! "none" (or "by status"); override those the error has. The rest (`envelope`, `message`,
//! `to_response`, `to_response_with`) is read from these. Call [`assert_impl`] in a test, which
//! checks the status class and that each error is an entry of the catalog:
//!
//! ```
//! use core::fmt;
//! use errwire::catalog::{Catalog, CatalogEntry};
//! use errwire::http::StatusCode;
//! use errwire::{ApiError, Code, Envelope, Flat};
//!
//! /// An upstream's status, passed on.
//! struct Upstream(StatusCode);
//!
//! impl ApiError for Upstream {
//!     fn catalog() -> &'static Catalog {
//!         // No entries: its status is chosen at run time.
//!         const CATALOG: &Catalog = &Catalog::new("Upstream", Flat::DYN);
//!         CATALOG
//!     }
//!     fn status(&self) -> StatusCode {
//!         self.0
//!     }
//!     fn code(&self) -> Option<Code> {
//!         Some(Code::Str("upstream_failed"))
//!     }
//!     fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         write!(f, "The upstream answered {}", self.0.as_u16())
//!     }
//! }
//!
//! errwire::assert_impl(&Upstream(StatusCode::BAD_GATEWAY));
//! assert_eq!(
//!     Upstream(StatusCode::BAD_GATEWAY).to_response().body(),
//!     br#"{"error":"upstream_failed","message":"The upstream answered 502"}"#,
//! );
//! ```
//!
//! # The documentation page and the compatibility gate
//!
//! With the `docs` feature, [`docs::Page`] renders the catalogs of one or several error types
//! as Markdown, a standalone HTML page and JSON, with an example body per error written by the
//! type's own envelope. The JSON page doubles as a lock file: two lines in a test keep a
//! checked-in page fresh and fail on a change that breaks clients (a code removed, a status
//! changed, a detail or header removed, the envelope changed):
//!
//! ```no_run
//! # #[cfg(feature = "docs")] {
//! # #[derive(Debug, errwire::ApiError)]
//! # #[api(status = 404, code = "not_found")]
//! # struct RoomError;
//! let page = errwire::docs::Page::new("Errors").error_type::<RoomError>();
//! errwire::docs::assert_fresh("docs/errors.md", &page.markdown());
//! errwire::compat::assert_compatible("docs/errors.json", &page);
//! # }
//! ```
//!
//! `ERRWIRE=overwrite cargo test` rewrites both files, after a change made on purpose.
//!
//! # In a server
//!
//! | feature | what it adds |
//! |---|---|
//! | `axum` | every derived error is an `axum::response::IntoResponse`; the [`axum`] middleware |
//! | `actix-web` | every derived error that is `Debug + Display` is an `actix_web::ResponseError`; the [`actix`] middleware |
//! | `docs` | [`docs`] and [`compat`]: the documentation page and the compatibility gate |
//! | `openapi` | [`openapi`]: the OpenAPI 3.1 `responses` of an error type, as JSON |
//! | `aide` | every derived error is an `aide::OperationOutput`: a handler returning `Result<T, E>` documents `E`'s responses |
//! | `utoipa` | every derived error is a `utoipa::IntoResponses`: name it once in `#[utoipa::path(responses(...))]` |
//! | `typescript` | [`typescript`]: a TypeScript module of the errors (types, `parseError`, `fetchWithRetry`, messages) for browser and Node clients |
//! | `tonic` | every derived error of a type with a `domain` is a `tonic::Status` with Google's rich error model, read back by [`tonic::from_status`]; [`tonic::ContextLayer`] gives a tonic server's errors the request's id and language |
//! | `tracing` | each error response is logged where the integrations send it: a 5xx at error level with its source chain, a 4xx at debug level |
//!
//! Without them errwire depends on no web framework. The middleware of either framework gives
//! handlers' errors the request's id and path, and puts the framework's own errors (rejected
//! bodies, unknown routes, 405) in the API's envelope as a [`RequestError`].
//!
//! # Safe by default
//!
//! - A body never carries the error's `Display` or `Debug` text, nor its source chain; a 5xx body
//!   carries no field at all unless the variant says `expose`.
//! - A header value from a field that is not a valid header value is left out, never sent.
//! - A body that fails to serialize becomes the envelope's fixed 500 body.
#![deny(missing_docs)]

mod api_error;
pub mod catalog;
#[cfg(feature = "client")]
pub mod client;
mod code;
#[cfg(feature = "docs")]
pub mod compat;
mod context;
mod details;
mod dispatch;
#[cfg(feature = "docs")]
pub mod docs;
pub mod envelope;
#[cfg(any(feature = "docs", feature = "openapi"))]
mod example;
pub mod grpc;
mod headers;
mod integrations;
#[cfg(feature = "openapi")]
pub mod openapi;
// Logging happens where the integrations send a response.
pub mod locale;
#[cfg(all(feature = "tracing", any(feature = "axum", feature = "actix-web")))]
mod log;
mod message;
mod request_error;
mod schema;
#[cfg(feature = "typescript")]
pub mod typescript;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use crate::api_error::{ApiError, assert_impl};
pub use crate::code::Code;
pub use crate::context::{MAX_REQUEST_ID, RenderContext, X_REQUEST_ID};
pub use crate::details::{DetailFields, DetailValue, DetailVisitor, Details};
pub use crate::envelope::{Envelope, Flat, JsonApi, Nested, Problem};
pub use crate::headers::ToHeaderValue;
pub use crate::message::Message;
pub use crate::request_error::RequestError;
/// Derives [`ApiError`](trait@ApiError); the crate documentation lists its attributes.
pub use errwire_macros::ApiError;

pub use http;

#[cfg(feature = "actix-web")]
pub use crate::integrations::actix;
#[cfg(feature = "axum")]
pub use crate::integrations::axum;
#[cfg(feature = "tonic")]
pub use crate::integrations::tonic;
