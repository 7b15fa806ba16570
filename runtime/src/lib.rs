//! errwire: declare an API's errors once and let the compiler check them.
#![deny(missing_docs)]

mod api_error;
mod catalog;
mod code;
mod context;
mod details;
mod envelope;
mod headers;
mod message;
mod response;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use crate::api_error::ApiError;
pub use crate::catalog::CatalogEntry;
pub use crate::code::Code;
pub use crate::context::RenderContext;
pub use crate::details::{DetailFields, DetailVisitor, Details};
pub use crate::envelope::{Envelope, Problem};
pub use crate::headers::{ToHeaderValue, display_header_value};
pub use crate::message::Message;
pub use crate::response::{X_REQUEST_ID, respond, write_body};
pub use errwire_macros::ApiError;

pub use http;
