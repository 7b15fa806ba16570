//! Building the `http::Response` of an error: status, headers, and the body in an envelope.

use http::header::{CONTENT_TYPE, HeaderValue};
use http::{HeaderName, Response, StatusCode};

use crate::{ApiError, Envelope, RenderContext};

/// The `X-Request-Id` header, sent when the render context carries a request id.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Serializes `error`'s body in the envelope `Env` into `out`, appending to what is there.
pub fn write_body<Env, E>(
    error: &E,
    cx: &RenderContext<'_>,
    out: &mut Vec<u8>,
) -> serde_json::Result<()>
where
    Env: Envelope,
    E: ApiError + ?Sized,
{
    Env::serialize_error(error, cx, &mut serde_json::Serializer::new(out))
}

/// The response of `error` in the envelope `Env`.
///
/// If the body cannot be serialized (a detail whose `Serialize` fails), the response is a 500 with
/// the envelope's pre-rendered fallback body and none of the error's own headers.
pub fn respond<Env, E>(error: &E, cx: &RenderContext<'_>) -> Response<Vec<u8>>
where
    Env: Envelope,
    E: ApiError + ?Sized,
{
    #[cfg(feature = "tracing")]
    crate::log::response(error);
    let mut body = Vec::with_capacity(256);
    let mut response = match write_body::<Env, E>(error, cx, &mut body) {
        Ok(()) => {
            let mut response = Response::new(body);
            *response.status_mut() = error.status();
            error.headers(response.headers_mut());
            response
        }
        Err(_) => {
            body.clear();
            body.extend_from_slice(Env::FALLBACK_BODY.as_bytes());
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
