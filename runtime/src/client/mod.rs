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
//! let Received::Known(RoomError::RoomNotFound { room_id }, response) = received else {
//!     panic!("not read back");
//! };
//! assert_eq!(room_id, "math-101");
//! assert_eq!(response.message.as_deref(), Some("Room math-101 not found"));
//! ```
//!
//! Retries follow the seed APIs' rules: a `throttle` error (429, 503) after its `Retry-After`, a
//! `transient` one (408, other 5xx) with capped exponential backoff and jitter, a `never` one
//! (other 4xx) not at all. [`RetryPolicy::delay`] says how long to wait, for any HTTP client;
//! with the `reqwest` feature, [`RetryPolicy::send`] runs the loop.

mod policy;
mod read;
#[cfg(feature = "reqwest")]
mod reqwest_ext;
mod response;
mod retry_after;
mod typed;

pub use crate::catalog::Retry;
pub use policy::RetryPolicy;
#[cfg(feature = "reqwest")]
pub use reqwest_ext::{BodyLimits, ResponseExt, SendError};
pub use response::{ErrorResponse, Incomplete, Shape, WireCode};
pub use retry_after::RetryAfter;
pub use typed::{AnyError, FromResponse, Received};
