//! What both frameworks' middleware do alike: run the request inside its render context, for
//! the conversions that cannot see the request (`IntoResponse::into_response`,
//! `ResponseError::error_response`), and put the framework's own error responses in the API's
//! envelope.

use std::future::Future;

use http::{Response, StatusCode};

use crate::api_error::ApiError;
use crate::context::RenderContext;
use crate::envelope::Envelope;
use crate::request_error::RequestError;

/// The longest framework response body kept as a [`RequestError`]'s reason.
pub(crate) const MAX_REASON: usize = 4096;

/// Marks a response errwire rendered, so that the middleware leaves it as it is.
#[derive(Clone, Copy)]
pub(crate) struct Rendered;

/// The per-request values, owned for the length of the request.
#[derive(Clone, Debug, Default)]
pub(crate) struct RequestValues {
    pub request_id: Option<String>,
    pub instance: Option<String>,
}

impl RequestValues {
    /// The values of a request with this `x-request-id` header and path.
    pub fn new(request_id: Option<&[u8]>, path: &str) -> Self {
        RequestValues {
            request_id: request_id
                .and_then(|id| std::str::from_utf8(id).ok())
                .map(str::to_owned),
            instance: Some(path.to_owned()),
        }
    }

    pub fn context(&self) -> RenderContext<'_> {
        let mut cx = RenderContext::new();
        if let Some(request_id) = &self.request_id {
            cx = cx.with_request_id(request_id);
        }
        if let Some(instance) = &self.instance {
            cx = cx.with_instance(instance);
        }
        cx
    }
}

tokio::task_local! {
    static CURRENT: RequestValues;
}

/// Runs `future` with `values` as the current request's.
pub(crate) async fn scope<F: Future>(values: RequestValues, future: F) -> F::Output {
    CURRENT.scope(values, future).await
}

/// The response of `error` in the envelope `Env`, with the current request's context if there is
/// one; with the `tracing` feature, logged, as it is about to be sent.
pub(crate) fn respond<Env: Envelope, E: ApiError + ?Sized>(error: &E) -> Response<Vec<u8>> {
    #[cfg(feature = "tracing")]
    crate::log::response(error);
    CURRENT
        .try_with(|values| Env::response(error, &values.context()))
        .unwrap_or_else(|_| Env::response(error, &RenderContext::new()))
}

/// Whether the middleware puts a response of `status` in the envelope: an error status, on a
/// response errwire did not render.
pub(crate) fn is_framework_error(status: u16, rendered: bool) -> bool {
    (400..600).contains(&status) && !rendered
}

/// The framework's own error response, of `status` with `body` and the `Allow` header `allow`,
/// as a [`RequestError`] in the envelope `Env`.
pub(crate) fn framework_error<Env: Envelope>(
    status: u16,
    body: Option<&[u8]>,
    allow: Option<&[u8]>,
    values: &RequestValues,
) -> Response<Vec<u8>> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = body
        .and_then(|body| std::str::from_utf8(body).ok())
        .map(str::to_owned);
    let allow = allow.and_then(|allow| http::HeaderValue::from_bytes(allow).ok());
    let error = RequestError::<Env>::new(status, reason).with_allow(allow);
    #[cfg(feature = "tracing")]
    crate::log::response(&error);
    Env::response(&error, &values.context())
}
