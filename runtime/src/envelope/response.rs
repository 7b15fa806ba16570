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
    // A type whose messages are translated writes the best of its locales for the request.
    let locales = error.__type_catalog().locales;
    let locale = match (locales.len(), cx.accept_language()) {
        (0 | 1, _) | (_, None) => 0,
        (_, Some(accept)) => crate::locale::negotiate(accept, locales),
    };
    let cx = &cx.in_locale(locale);
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
    if let Some(language) = locales.get(locale) {
        crate::headers::insert(
            headers,
            CONTENT_LANGUAGE,
            HeaderValue::try_from(*language).ok(),
        );
        headers.append(VARY, HeaderValue::from_static("accept-language"));
    }
    if let Some(request_id) = cx.request_id() {
        crate::headers::insert(
            headers,
            X_REQUEST_ID,
            HeaderValue::try_from(request_id).ok(),
        );
    }
    response
}
