//! The render context of the request being handled, for the conversions that cannot see the
//! request (`IntoResponse::into_response`, `ResponseError::error_response`): the errwire
//! middleware runs the rest of the request inside it.

use std::future::Future;

use http::Response;

use crate::{ApiError, RenderContext};

/// The per-request values, owned for the length of the request.
#[derive(Clone, Debug, Default)]
pub(crate) struct RequestValues {
    pub request_id: Option<String>,
    pub instance: Option<String>,
}

impl RequestValues {
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

/// The response of `error`, with the current request's context if there is one.
pub(crate) fn respond<E: ApiError + ?Sized>(error: &E) -> Response<Vec<u8>> {
    CURRENT
        .try_with(|values| error.to_response_with(&values.context()))
        .unwrap_or_else(|_| error.to_response())
}
