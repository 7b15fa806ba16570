//! The way back from a response into the error type that declared it.

use core::fmt;

use std::borrow::Cow;

use http::{HeaderMap, StatusCode};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::in_place;
use super::response::{ErrorResponse, HeaderFacts, Shape, find};
use super::retry_after::RetryAfter;
use super::scalar::Scalar;
use super::unborrowed::Unborrowed;
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
    /// assert_eq!(received.message(), Some("The room is full"));
    /// assert!(received.known().is_none(), "a code this client does not know");
    /// ```
    fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Received<Self> {
        if let Some(received) = read_in_place(status, headers, body) {
            return received;
        }
        Received::new(ErrorResponse::parse(
            status,
            headers,
            body.to_vec(),
            Self::catalog(),
        ))
    }

    /// The variant of the catalog entry at `index`, its fields read from `fields`; `None` for
    /// a type that does not say (one written by hand), whose responses are then read through
    /// [`from_error_response`](Self::from_error_response).
    #[doc(hidden)]
    fn __from_fields(index: usize, fields: &Fields<'_>) -> Option<Self> {
        let _ = (index, fields);
        None
    }
}

/// The typed read of a body in `E`'s envelope, straight from its bytes: `None` where the generic
/// reader must decide (a body of another shape, a `transparent` entry, a field that does not
/// read).
#[inline]
pub(crate) fn read_in_place<E: FromResponse>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Option<Received<E>> {
    let catalog = E::catalog();
    let mut slots = in_place::Slots::default();
    in_place::read(catalog.envelope?.template()?, body, &mut slots)?;
    let found = find(catalog, status, slots.code(), slots.message())?;
    let entry = &catalog.entries[found.index];
    if entry.forwards_to.is_some() {
        return None;
    }
    let fields = Fields {
        details: Details::InPlace(slots.details()),
        headers,
        message: slots.message(),
        response: None,
    };
    let error = E::__from_fields(found.index, &fields)?;
    let facts = HeaderFacts::of(headers);
    let details = slots.details();
    let retry_after = facts
        .retry_after(|| serde_json::from_str(in_place::find(details, "retry_after")?.get()).ok());
    // Most responses carry none of the rest: then nothing is built, nor allocated.
    let some_rest = retry_after.is_some()
        || facts.has_text()
        || slots.request_id.is_some()
        || slots.instance.is_some();
    let rest = some_rest.then(|| Rest {
        retry_after,
        language: facts.language(),
        request_id: facts
            .request_id()
            .or_else(|| slots.request_id.map(str::to_owned)),
        instance: slots.instance.map(str::to_owned),
    });
    // A fixed message is the catalog's own text, which the value then borrows.
    let message = slots.message().map(|message| {
        let fixed =
            |known: Option<&'static str>| known.filter(|known| in_place::same(known, message));
        let translated = || {
            let mut translations = entry.translations.iter();
            translations.find_map(|translation| fixed(translation.static_message))
        };
        match fixed(entry.static_message).or_else(translated) {
            Some(known) => Cow::Borrowed(known),
            None => Cow::Owned(message.to_owned()),
        }
    });
    let info = ResponseInfo {
        status,
        shape: Shape::Envelope,
        message,
        rest: rest.and_then(Rest::boxed),
    };
    Some(Received::Known(error, info))
}

/// Where the derive's `FromResponse` impl reads a variant's fields from: a body read in place,
/// or a generic [`ErrorResponse`].
#[doc(hidden)]
pub struct Fields<'a> {
    pub(crate) details: Details<'a>,
    pub(crate) headers: &'a HeaderMap,
    /// The message in the default language, which templates read.
    pub(crate) message: Option<&'a str>,
    /// The generic response, which a `transparent` variant's type reads.
    pub(crate) response: Option<&'a ErrorResponse>,
}

impl<'a> Fields<'a> {
    /// The fields of a generic response.
    pub fn of(response: &'a ErrorResponse) -> Self {
        Fields {
            details: Details::Values(&response.details),
            headers: &response.headers,
            message: response.message.as_deref(),
            response: Some(response),
        }
    }
}

/// The details a variant's fields are read from.
pub(crate) enum Details<'a> {
    /// As the body carries them.
    InPlace(&'a [in_place::Detail<'a>]),
    /// Read into values.
    Values(&'a Map<String, Value>),
}

impl Details<'_> {
    /// The detail `name` read as a `T`, an absent one as `null`.
    pub(crate) fn read<T: serde::Deserialize<'static>>(&self, name: &str) -> Option<T> {
        match self {
            Details::Values(details) => {
                T::deserialize(details.get(name).cloned().unwrap_or_default()).ok()
            }
            Details::InPlace(details) => {
                let text = in_place::find(details, name).map_or("null", RawValue::get);
                if let Some(scalar) = Scalar::of(text) {
                    return T::deserialize(scalar).ok();
                }
                let mut deserializer = serde_json::Deserializer::from_str(text);
                T::deserialize(Unborrowed::new(&mut deserializer)).ok()
            }
        }
    }

    /// Every detail, as one object.
    pub(crate) fn object(&self) -> Option<Map<String, Value>> {
        match self {
            Details::Values(details) => Some((*details).clone()),
            Details::InPlace(details) => details
                .iter()
                .map(|(key, raw)| Some(((*key).to_owned(), serde_json::from_str(raw.get()).ok()?)))
                .collect(),
        }
    }
}

/// What a response said beside the variant it was read back into: what the variant's own
/// fields do not hold.
///
/// Nothing in it is allocated for a response with a fixed message and no request id, language,
/// instance or `Retry-After`.
#[derive(Clone, Debug)]
pub struct ResponseInfo {
    status: StatusCode,
    shape: Shape,
    message: Option<Cow<'static, str>>,
    /// What a response carries less often; `None` when it carries none of it.
    rest: Option<Box<Rest>>,
}

#[derive(Clone, Debug)]
struct Rest {
    language: Option<String>,
    request_id: Option<String>,
    instance: Option<String>,
    retry_after: Option<RetryAfter>,
}

impl Rest {
    /// Boxed, unless it holds nothing: most responses carry none of it.
    #[inline]
    fn boxed(self) -> Option<Box<Rest>> {
        let none = self.language.is_none()
            && self.request_id.is_none()
            && self.instance.is_none()
            && self.retry_after.is_none();
        (!none).then(|| Box::new(self))
    }
}

impl ResponseInfo {
    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// How the body was read.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The message (RFC 9457's `detail`); in the default language where the body carries that
    /// beside a translation.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The language of the message, from `Content-Language`.
    pub fn language(&self) -> Option<&str> {
        self.rest.as_ref()?.language.as_deref()
    }

    /// The request's id: the `X-Request-Id` header, else the body's.
    pub fn request_id(&self) -> Option<&str> {
        self.rest.as_ref()?.request_id.as_deref()
    }

    /// The RFC 9457 `instance`.
    pub fn instance(&self) -> Option<&str> {
        self.rest.as_ref()?.instance.as_deref()
    }

    /// The `Retry-After` header, else a `retry_after` detail in seconds.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.rest.as_ref()?.retry_after
    }
}

impl From<ErrorResponse> for ResponseInfo {
    fn from(response: ErrorResponse) -> Self {
        let rest = Rest {
            language: response.language,
            request_id: response.request_id,
            instance: response.instance,
            retry_after: response.retry_after,
        };
        ResponseInfo {
            status: response.status,
            shape: response.shape,
            message: response.message.map(Cow::Owned),
            rest: rest.boxed(),
        }
    }
}

/// An error response, read back: the variant of `E` it is, or the generic error.
#[derive(Debug)]
pub enum Received<E> {
    /// A variant of `E`, its fields filled, and what else the response said.
    Known(E, ResponseInfo),
    /// Any other error response: a code `E` does not declare (a newer server's), the framework's
    /// own errors, a body that is not JSON; everything it carried is kept.
    Unknown(Box<ErrorResponse>),
}

impl<E: FromResponse> Received<E> {
    /// Reads `response` into a variant of `E` if it is one.
    pub fn new(response: ErrorResponse) -> Self {
        match E::from_error_response(&response) {
            Some(error) => Received::Known(error, response.into()),
            None => Received::Unknown(Box::new(response)),
        }
    }
}

impl<E> Received<E> {
    /// The variant, if it is one of `E`'s.
    pub fn known(&self) -> Option<&E> {
        match self {
            Received::Known(error, _) => Some(error),
            Received::Unknown(_) => None,
        }
    }

    /// The generic error, if it is none of `E`'s.
    pub fn unknown(&self) -> Option<&ErrorResponse> {
        match self {
            Received::Known(..) => None,
            Received::Unknown(response) => Some(response),
        }
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        match self {
            Received::Known(_, info) => info.status(),
            Received::Unknown(response) => response.status,
        }
    }

    /// The message as the response wrote it.
    pub fn message(&self) -> Option<&str> {
        match self {
            Received::Known(_, info) => info.message(),
            Received::Unknown(response) => response.message.as_deref(),
        }
    }

    /// The language of the message, from `Content-Language`.
    pub fn language(&self) -> Option<&str> {
        match self {
            Received::Known(_, info) => info.language(),
            Received::Unknown(response) => response.language.as_deref(),
        }
    }

    /// The request's id: the `X-Request-Id` header, else the body's.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Received::Known(_, info) => info.request_id(),
            Received::Unknown(response) => response.request_id.as_deref(),
        }
    }

    /// When to retry, from `Retry-After` or a `retry_after` detail.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        match self {
            Received::Known(_, info) => info.retry_after(),
            Received::Unknown(response) => response.retry_after,
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

impl<E: ApiError> fmt::Display for Received<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Received::Known(error, info) => {
                write!(f, "{}", info.status)?;
                if let Some(code) = error.code() {
                    write!(f, " {code}")?;
                }
                match &info.message {
                    Some(message) => write!(f, ": {message}"),
                    None => Ok(()),
                }
            }
            Received::Unknown(response) => fmt::Display::fmt(response, f),
        }
    }
}

impl<E: ApiError + fmt::Debug> std::error::Error for Received<E> {}

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
