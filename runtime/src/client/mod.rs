//! The client side, with the `client` feature: an error response read back into the error type
//! that declared it, or into a generic [`ErrorResponse`] that never fails and loses nothing; the
//! `Retry-After` header; the retry class of each error and a [`RetryPolicy`] that follows it.
//!
//! The body is read with the same envelope template that wrote it, slot by slot, so that writing
//! and reading cannot drift; a body in another envelope is recognised as one of the built-in
//! shapes, else read as JSON, else kept as bytes.
//!
//! ```
//! use errwire::ApiError;
//! use errwire::client::{FromResponse, Received};
//! use errwire::http::{HeaderMap, StatusCode};
//!
//! #[derive(Debug, errwire::ApiError)]
//! #[api(rename_all = "snake_case")]
//! enum RoomError {
//!     #[api(status = 404, message = "Room {room_id} not found")]
//!     RoomNotFound {
//!         #[api(detail)]
//!         room_id: String,
//!     },
//! }
//!
//! // What a server that declares RoomError sends...
//! let sent = RoomError::RoomNotFound { room_id: "math-101".into() }.to_response();
//! // ...is read back by a client that declares it too.
//! let received = RoomError::from_response(sent.status(), sent.headers(), sent.body());
//! let Received::Known(RoomError::RoomNotFound { room_id }, info) = received else {
//!     panic!("not read back");
//! };
//! assert_eq!(room_id, "math-101");
//! assert_eq!(info.message(), Some("Room math-101 not found"));
//! ```
//!
//! Retries follow the seed APIs' rules: a `throttle` error (429, 503) after its `Retry-After`, a
//! `transient` one (408, other 5xx) with capped exponential backoff and jitter, a `never` one
//! (other 4xx) not at all. [`RetryPolicy::delay`] says how long to wait, for any HTTP client;
//! with the `reqwest` feature, [`RetryPolicy::send`] runs the loop.
//!
//! # With a retry crate
//!
//! The same rules fit the retry crates. reqwest-retry's `RetryableStrategy` sees only the
//! response's head, so it can classify by status, not by code, and it does not wait for
//! `Retry-After`:
//!
//! ```
//! use errwire::client::Retry;
//! use reqwest_retry::{Retryable, RetryableStrategy, default_on_request_failure};
//!
//! struct SeedRules;
//!
//! impl RetryableStrategy for SeedRules {
//!     fn handle(
//!         &self,
//!         result: &Result<reqwest::Response, reqwest_middleware::Error>,
//!     ) -> Option<Retryable> {
//!         match result {
//!             Ok(response) if response.status().is_success() => None,
//!             Ok(response) => match Retry::for_status(response.status()) {
//!                 Retry::Never => Some(Retryable::Fatal),
//!                 Retry::Throttle | Retry::Transient => Some(Retryable::Transient),
//!             },
//!             Err(error) => default_on_request_failure(error),
//!         }
//!     }
//! }
//! ```
//!
//! backon retries any future: read each error response back, retry by its class, and wait for
//! its `Retry-After` where it gives one:
//!
//! ```no_run
//! use backon::{ExponentialBuilder, Retryable};
//! use errwire::client::{Received, ResponseExt, Retry, RetryAfter, SendError};
//!
//! #[derive(Debug, errwire::ApiError)]
//! enum RoomError {
//!     #[api(status = 429, code = "rate_limited")]
//!     RateLimited,
//! }
//!
//! # async fn run() -> Result<(), SendError<RoomError>> {
//! let client = reqwest::Client::new();
//! let get_room = || async {
//!     let response = client
//!         .get("http://127.0.0.1:3000/rooms/math-101")
//!         .send()
//!         .await
//!         .map_err(SendError::Transport)?;
//!     response.error_for_status_typed::<RoomError>().await.map_err(SendError::Api)
//! };
//! let room = get_room
//!     .retry(ExponentialBuilder::default().with_jitter())
//!     .when(|error| matches!(error, SendError::Api(received) if received.retry() != Retry::Never))
//!     .adjust(|error, backoff| match error {
//!         SendError::Api(received) => received.retry_after().map(RetryAfter::delay).or(backoff),
//!         SendError::Transport(_) | SendError::Timeout(_) => backoff,
//!     })
//!     .await?;
//! # let _ = room;
//! # Ok(())
//! # }
//! ```

pub(crate) mod choices;
mod in_place;
mod policy;
mod read;
#[cfg(feature = "reqwest")]
mod reqwest_ext;
pub(crate) mod response;
mod retry_after;
mod scalar;
pub(crate) mod typed;
mod unborrowed;

pub use crate::catalog::Retry;
pub use policy::RetryPolicy;
#[cfg(feature = "reqwest")]
pub use reqwest_ext::{BodyLimits, ResponseExt, SendError};
pub use response::{ErrorResponse, Incomplete, Shape, WireCode};
pub use retry_after::RetryAfter;
pub use typed::{AnyError, FromResponse, Received, ResponseInfo};
