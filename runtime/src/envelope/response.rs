//! The `http::Response` of an error in an envelope: status, headers, `Content-Type`, body.

use http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, HeaderValue, VARY};
use http::{Response, StatusCode};

use super::Envelope;
use crate::api_error::ApiError;
use crate::context::{RenderContext, X_REQUEST_ID};

pub(super) fn build<Env: Envelope, E: ApiError>(
    error: &E,
    cx: &RenderContext<'_>,
) -> Response<Vec<u8>> {
    // A derived type's locales are a constant: a type in one language takes none of this, and
    // every response is built by the one copy of the code below.
    let locales = error.__type_catalog().locales;
    if locales.len() > 1 && !cx.is_negotiated() {
        return localized::<Env, E>(error, cx, locales);
    }
    // Room for a typical body: the seed APIs' longest, with a request id and an instance, is
    // 314 bytes (`tests/allocations.rs`); a longer one grows the buffer once or twice.
    let mut body = Vec::with_capacity(512);
    let mut response = match Env::write_body(error, cx, &mut body) {
        Ok(()) => {
            let mut response = Response::new(body);
            *response.status_mut() = error.status();
            error.headers(response.headers_mut());
            response
        }
        Err(_) => {
            body.clear();
            body.extend_from_slice(Env::FAILSAFE_BODY.as_bytes());
            let mut response = Response::new(body);
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    };
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(Env::CONTENT_TYPE));
    if let Some(request_id) = cx.request_id() {
        crate::headers::insert(
            headers,
            X_REQUEST_ID,
            HeaderValue::try_from(request_id).ok(),
        );
    }
    response
}

/// The response of an error of a type whose messages are translated: in the best of its
/// locales for the request, which `Content-Language` names; `Vary` says it depends on
/// `Accept-Language`. Out of line, and calling [`build`] back, so that a type in one language
/// finds the one copy of the code that builds a response as it was.
#[inline(never)]
fn localized<Env: Envelope, E: ApiError>(
    error: &E,
    cx: &RenderContext<'_>,
    locales: &'static [&'static str],
) -> Response<Vec<u8>> {
    let locale = match cx.accept_language() {
        Some(accept) => crate::locale::negotiate(accept, locales),
        None => 0,
    };
    let mut response = build::<Env, E>(error, &cx.in_locale(locale));
    let headers = response.headers_mut();
    if let Ok(language) = HeaderValue::from_str(locales[locale]) {
        headers.append(CONTENT_LANGUAGE, language);
    }
    headers.append(VARY, HeaderValue::from_static("accept-language"));
    response
}
