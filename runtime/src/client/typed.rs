//! The way back from a response into the error type that declared it.

use core::fmt;

use http::{HeaderMap, StatusCode};

use super::response::ErrorResponse;
use crate::api_error::ApiError;
use crate::catalog::{Catalog, Retry};

/// An error type a client can read back from a response: the derive implements it with the
/// `client` feature.
///
/// A variant is read back when the response has its code (and its status, when variants share
/// the code), or, for a variant without a code, its status when no other variant without a code
/// has it; and when each of its fields can be filled: a `detail` from the body's details, a
/// `details` field from the whole object (each a `serde::Deserialize` type), a `header` field
/// from the header's text (a `FromStr` type), and any other field with its `Default`. Otherwise
/// the response stays an [`ErrorResponse`]: a code this client does not know yet, or an error of
/// the framework, is never a failure.
pub trait FromResponse: ApiError + Sized {
    /// The variant `response` is, its fields filled; `None` when it is none of this type's, or
    /// one whose fields cannot be read back.
    fn from_error_response(response: &ErrorResponse) -> Option<Self>;

    /// Reads a response: the variant it is, or the generic error.
    ///
    /// ```
    /// use errwire::client::{FromResponse, Received};
    /// use errwire::http::{HeaderMap, HeaderValue, StatusCode};
    ///
    /// #[derive(Debug, errwire::ApiError)]
    /// #[api(envelope = errwire::Flat)]
    /// enum RoomError {
    ///     #[api(status = 429, code = "rate_limited")]
    ///     RateLimited {
    ///         #[api(header = "Retry-After")]
    ///         retry_after: u64,
    ///     },
    /// }
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("retry-after", HeaderValue::from_static("30"));
    /// let body = br#"{"error": "rate_limited", "message": "Too Many Requests"}"#;
    /// match RoomError::from_response(StatusCode::TOO_MANY_REQUESTS, &headers, body) {
    ///     Received::Known(RoomError::RateLimited { retry_after }, _) => assert_eq!(retry_after, 30),
    ///     Received::Unknown(other) => panic!("{other}"),
    /// }
    ///
    /// let body = br#"{"error": "room_full", "message": "The room is full"}"#;
    /// let received = RoomError::from_response(StatusCode::CONFLICT, &HeaderMap::new(), body);
    /// assert_eq!(received.response().message.as_deref(), Some("The room is full"));
    /// assert!(received.known().is_none(), "a code this client does not know");
    /// ```
    fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Received<Self> {
        Received::new(ErrorResponse::parse(
            status,
            headers,
            body.to_vec(),
            Self::catalog(),
        ))
    }
}

/// An error response, read back: the variant of `E` it is, or the generic error.
#[derive(Debug)]
pub enum Received<E> {
    /// A variant of `E`, its fields filled, and the response it was read from.
    Known(E, Box<ErrorResponse>),
    /// Any other error response: a code `E` does not declare (a newer server's), the framework's
    /// own errors, a body that is not JSON.
    Unknown(Box<ErrorResponse>),
}

impl<E: FromResponse> Received<E> {
    /// Reads `response` into a variant of `E` if it is one.
    pub fn new(response: ErrorResponse) -> Self {
        match E::from_error_response(&response) {
            Some(error) => Received::Known(error, Box::new(response)),
            None => Received::Unknown(Box::new(response)),
        }
    }
}

impl<E> Received<E> {
    /// The response, whichever it is: status, code, message, request id, `Retry-After`, body.
    pub fn response(&self) -> &ErrorResponse {
        match self {
            Received::Known(_, response) | Received::Unknown(response) => response,
        }
    }

    /// The variant, if it is one of `E`'s.
    pub fn known(&self) -> Option<&E> {
        match self {
            Received::Known(error, _) => Some(error),
            Received::Unknown(_) => None,
        }
    }

    /// Whether to retry: the variant's class, else the one the response was read with.
    pub fn retry(&self) -> Retry
    where
        E: ApiError,
    {
        match self {
            Received::Known(error, _) => error.retry(),
            Received::Unknown(response) => response.retry,
        }
    }
}

impl<E> fmt::Display for Received<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.response(), f)
    }
}

impl<E: fmt::Debug> std::error::Error for Received<E> {}

/// The error type of a client that knows no API's errors: every response is
/// [`Received::Unknown`], read as a built-in shape, as JSON, or as bytes.
#[derive(Debug)]
pub enum AnyError {}

impl ApiError for AnyError {
    fn catalog() -> &'static Catalog {
        &Catalog::EMPTY
    }

    fn status(&self) -> StatusCode {
        match *self {}
    }

    fn code(&self) -> Option<crate::code::Code> {
        match *self {}
    }

    fn fmt_message(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl FromResponse for AnyError {
    fn from_error_response(_: &ErrorResponse) -> Option<Self> {
        None
    }
}
