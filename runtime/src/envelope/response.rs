//! The response of an error in an envelope: status, headers, `Content-Type`, body; written into
//! the response type of `http` 1, or of a framework on another `http` (actix-web's), through
//! [`Head`], so that each is built once, without converting one into the other.

use http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, HeaderValue, VARY};
use http::{Response, StatusCode};

use super::Envelope;
use crate::api_error::ApiError;
use crate::context::{RenderContext, X_REQUEST_ID};

/// The headers errwire sets on a response itself, besides the error's own.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Set {
    RequestId,
    ContentLanguage,
    Vary,
}

/// A response as one `http` crate holds it, written by [`build`].
pub(crate) trait Head: Sized {
    /// A response of `status` with `body` and no headers.
    fn new(status: StatusCode, body: Vec<u8>) -> Self;

    /// The response's status, which the `tracing` feature logs.
    #[cfg(feature = "tracing")]
    fn status(&self) -> StatusCode;

    /// Appends the headers of `error` (`ApiError::headers`).
    fn error_headers<E: ApiError>(&mut self, error: &E);

    /// Sets the header `name` to `value`, replacing any; left out when `value` is not a valid
    /// header value (only the request id can be, and it is then logged).
    fn set(&mut self, name: Set, value: &str);

    /// Sets `Content-Type` to the envelope's, a constant made when the code compiles.
    fn content_type<Env: Envelope>(&mut self);

    /// Appends `value` to the header `name`; left out when it is not a valid header value (a
    /// hand-written catalog's locale could be anything).
    fn append(&mut self, name: Set, value: &str);
}

/// The response of `error` in the envelope `Env` with the context `cx`.
pub(crate) fn build<Env: Envelope, E: ApiError, H: Head>(error: &E, cx: &RenderContext<'_>) -> H {
    // A derived type's locales are a constant: a type in one language takes none of this, and
    // every response is built by the one copy of the code below.
    let locales = error.__type_catalog().locales;
    if locales.len() > 1 && !cx.is_negotiated() {
        return localized::<Env, E, H>(error, cx, locales);
    }
    // Room for a typical body: the seed APIs' longest, with a request id and an instance, is
    // 314 bytes (`tests/allocations.rs`); a longer one grows the buffer once or twice.
    let mut body = Vec::with_capacity(512);
    let mut response = match Env::write_body(error, cx, &mut body) {
        Ok(()) => {
            let mut response = H::new(error.status(), body);
            response.error_headers(error);
            response
        }
        Err(_) => {
            body.clear();
            body.extend_from_slice(Env::FAILSAFE_BODY.as_bytes());
            H::new(StatusCode::INTERNAL_SERVER_ERROR, body)
        }
    };
    response.content_type::<Env>();
    if let Some(request_id) = cx.request_id() {
        response.set(Set::RequestId, request_id);
    }
    response
}

/// The response of an error of a type whose messages are translated: in the best of its
/// locales for the request, which `Content-Language` names; `Vary` says it depends on
/// `Accept-Language`. Out of line, and calling [`build`] back, so that a type in one language
/// finds the one copy of the code that builds a response as it was.
#[inline(never)]
fn localized<Env: Envelope, E: ApiError, H: Head>(
    error: &E,
    cx: &RenderContext<'_>,
    locales: &'static [&'static str],
) -> H {
    let locale = match cx.accept_language() {
        Some(accept) => crate::locale::negotiate(accept, locales),
        None => 0,
    };
    let mut response = build::<Env, E, H>(error, &cx.in_locale(locale));
    response.append(Set::ContentLanguage, locales[locale]);
    response.append(Set::Vary, "accept-language");
    response
}

impl Set {
    pub(crate) fn name(self) -> http::HeaderName {
        match self {
            Set::RequestId => X_REQUEST_ID,
            Set::ContentLanguage => CONTENT_LANGUAGE,
            Set::Vary => VARY,
        }
    }
}

impl Head for Response<Vec<u8>> {
    #[inline]
    fn new(status: StatusCode, body: Vec<u8>) -> Self {
        let mut response = Response::new(body);
        *response.status_mut() = status;
        response
    }

    #[cfg(feature = "tracing")]
    fn status(&self) -> StatusCode {
        Response::status(self)
    }

    fn error_headers<E: ApiError>(&mut self, error: &E) {
        error.headers(self.headers_mut());
    }

    fn set(&mut self, name: Set, value: &str) {
        crate::headers::insert(
            self.headers_mut(),
            name.name(),
            HeaderValue::try_from(value).ok(),
        );
    }

    #[inline]
    fn content_type<Env: Envelope>(&mut self) {
        let value = const { HeaderValue::from_static(Env::CONTENT_TYPE) };
        self.headers_mut().insert(CONTENT_TYPE, value);
    }

    fn append(&mut self, name: Set, value: &str) {
        if let Ok(value) = HeaderValue::try_from(value) {
            self.headers_mut().append(name.name(), value);
        }
    }
}
