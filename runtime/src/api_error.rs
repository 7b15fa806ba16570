//! The `ApiError` trait: every fact of an error that goes on the wire.

use core::fmt;

use http::{HeaderMap, Response, StatusCode};

use crate::{CatalogEntry, Code, Details, Message, Problem, RenderContext};

/// An error that knows how it is answered over HTTP.
///
/// Derive it with [`#[derive(ApiError)]`](derive@crate::ApiError); the crate documentation lists
/// the attributes. Every method is cheap: `status` and `code` are a `match`, the message is
/// written straight into the formatter, details are borrowed.
///
/// The trait is dyn-compatible: `Box<dyn ApiError + Send + Sync>` is itself an `ApiError`.
pub trait ApiError {
    /// The HTTP status of the response, always a 4xx or 5xx.
    fn status(&self) -> StatusCode;

    /// The machine code, or `None` for an error the API publishes no code for.
    fn code(&self) -> Option<Code>;

    /// Writes the public message: the variant's template with its fields filled in.
    ///
    /// This is what the client reads, never the error's `Display` text.
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The public message, as a value that implements `Display` and `Serialize`.
    ///
    /// On a trait object, the inherent `message` of `dyn ApiError` does the same.
    fn message(&self) -> Message<'_, Self>
    where
        Self: Sized,
    {
        Message(self)
    }

    /// The public message when it is the same for every occurrence (its template names no
    /// field), so that envelopes can write it without formatting; `None` otherwise.
    ///
    /// When `Some`, it is exactly what [`fmt_message`](Self::fmt_message) writes.
    fn static_message(&self) -> Option<&'static str> {
        None
    }

    /// This error as a `std::error::Error`, if it is one: its `Display` text and its source
    /// chain, which never go into a body, are what the `tracing` feature logs.
    ///
    /// The derive returns `Some` for a type that implements `std::error::Error + 'static`.
    fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }

    /// A short summary of the kind of problem, stable across occurrences.
    fn title(&self) -> Option<&'static str> {
        None
    }

    /// The prefix of the RFC 9457 problem type URI; the code is appended to it.
    fn type_base(&self) -> Option<&'static str> {
        None
    }

    /// The fields this error puts in the body, borrowed.
    fn details(&self) -> Details<'_> {
        Details::None
    }

    /// Adds this error's headers (static ones and those taken from fields) to `headers`.
    fn headers(&self, headers: &mut HeaderMap) {
        let _ = headers;
    }

    /// Serializes the body in this error's envelope into `out`, appending to what is there.
    fn write_body(&self, cx: &RenderContext<'_>, out: &mut Vec<u8>) -> serde_json::Result<()> {
        crate::response::write_body::<Problem, Self>(self, cx, out)
    }

    /// The whole response for one request: status, headers, and the body in this error's envelope.
    fn to_response_with(&self, cx: &RenderContext<'_>) -> Response<Vec<u8>> {
        crate::response::respond::<Problem, Self>(self, cx)
    }

    /// The response without per-request values; see [`to_response_with`](Self::to_response_with).
    fn to_response(&self) -> Response<Vec<u8>> {
        self.to_response_with(&RenderContext::new())
    }

    /// One entry per variant, in declaration order, for documentation.
    fn catalog() -> &'static [CatalogEntry]
    where
        Self: Sized,
    {
        &[]
    }
}

macro_rules! dyn_message {
    ($($object:ty),*) => {$(
        impl<'e> $object {
            /// The public message, as a value that implements `Display` and `Serialize`.
            pub fn message(&self) -> Message<'_, Self> {
                Message(self)
            }
        }
    )*};
}

dyn_message!(
    dyn ApiError + 'e,
    dyn ApiError + Send + 'e,
    dyn ApiError + Send + Sync + 'e
);

macro_rules! forward_api_error {
    ($($pointer:ty),*) => {$(
        impl<E: ApiError + ?Sized> ApiError for $pointer {
            fn status(&self) -> StatusCode {
                (**self).status()
            }

            fn code(&self) -> Option<Code> {
                (**self).code()
            }

            fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).fmt_message(f)
            }

            fn static_message(&self) -> Option<&'static str> {
                (**self).static_message()
            }

            fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
                (**self).as_error()
            }

            fn title(&self) -> Option<&'static str> {
                (**self).title()
            }

            fn type_base(&self) -> Option<&'static str> {
                (**self).type_base()
            }

            fn details(&self) -> Details<'_> {
                (**self).details()
            }

            fn headers(&self, headers: &mut HeaderMap) {
                (**self).headers(headers)
            }

            fn write_body(&self, cx: &RenderContext<'_>, out: &mut Vec<u8>) -> serde_json::Result<()> {
                (**self).write_body(cx, out)
            }

            fn to_response_with(&self, cx: &RenderContext<'_>) -> Response<Vec<u8>> {
                (**self).to_response_with(cx)
            }
        }
    )*};
}

forward_api_error!(&E, Box<E>, std::sync::Arc<E>);
