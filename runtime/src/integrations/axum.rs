//! axum 0.8, with the `axum` feature.
//!
//! Every derived error is an `axum::response::IntoResponse`: return it from a handler. One
//! middleware, [`envelope_errors`], does the rest:
//!
//! ```
//! use axum::{Router, middleware, routing::get};
//!
//! let app: Router = Router::new()
//!     .route("/rooms/{id}", get(|| async { "room" }))
//!     .layer(middleware::from_fn(errwire::axum::envelope_errors::<errwire::Flat>));
//! ```
//!
//! - Handlers' errors get the request's render context: its `x-request-id` header (set it with
//!   tower-http's `SetRequestIdLayer`, outside this layer) as the request id and `X-Request-Id`,
//!   unless it is longer than [`MAX_REQUEST_ID`](crate::MAX_REQUEST_ID) bytes; its path as the
//!   instance.
//! - Responses axum makes itself, extractor rejections (JSON, path, query), the fallback 404 and
//!   the 405, become a [`RequestError`] in the API's envelope, with the framework's text as the
//!   message of a 4xx.
//!   An error response errwire did not render goes in the envelope only when its body is empty or
//!   plain text; any other body (a handler's own JSON) passes through untouched. The enveloped
//!   response keeps every header but those that describe the replaced body; a 4xx body is read
//!   within 4 KiB and 1 s, a 5xx body never (the README has the details).

use axum::body::Body;
use axum::extract::Request;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE};

use super::scope::{self, BODY_TIMEOUT, Handling, MAX_BODY, Rendered, RequestValues};
use crate::api_error::ApiError;
use crate::context::X_REQUEST_ID;
use crate::envelope::Envelope;
use crate::request_error::RequestError;

/// The axum response of `error` in the envelope `Env`, with the current request's context inside
/// [`envelope_errors`]: what the derived `IntoResponse` returns.
pub(crate) fn response<Env: Envelope, E: ApiError>(error: &E) -> Response {
    mark(scope::respond::<Env, E>(error).map(Body::from))
}

fn mark(mut response: Response) -> Response {
    response.extensions_mut().insert(Rendered);
    response
}

/// The errwire middleware for axum: renders handlers' errors with the request's id and path,
/// and puts the framework's own error responses in the API's envelope `Env`. Use it with
/// `axum::middleware::from_fn(errwire::axum::envelope_errors::<Env>)`.
pub async fn envelope_errors<Env: Envelope>(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let values = RequestValues::new(
        headers.get(X_REQUEST_ID).map(|id| id.as_bytes()),
        headers.get(ACCEPT_LANGUAGE).map(|value| value.as_bytes()),
        request.uri().path(),
    );
    let response = scope::scope(values.clone(), next.run(request)).await;
    let rendered = response.extensions().get::<Rendered>().is_some();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| value.as_bytes());
    let Handling::Envelope { read_body } =
        scope::handling(response.status().as_u16(), rendered, content_type)
    else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let text = match read_body {
        true => tokio::time::timeout(BODY_TIMEOUT, axum::body::to_bytes(body, MAX_BODY))
            .await
            .ok()
            .and_then(Result::ok),
        false => None,
    };
    let response = scope::framework_error::<Env>(
        parts.status.as_u16(),
        text.as_deref(),
        &parts.headers,
        &values,
    );
    mark(response.map(Body::from))
}

impl<Env: Envelope> IntoResponse for RequestError<Env> {
    fn into_response(self) -> Response {
        response::<Env, Self>(&self)
    }
}

macro_rules! from_rejections {
    ($($rejection:ty),*) => {$(
        impl<Env> From<$rejection> for RequestError<Env> {
            fn from(rejection: $rejection) -> Self {
                RequestError::new(rejection.status(), Some(rejection.body_text()))
            }
        }
    )*};
}

from_rejections!(JsonRejection, PathRejection, QueryRejection);

/// `axum::response::IntoResponse` for a derived type: its response, rendered with the request's
/// context when the `errwire::axum::errors` middleware is in place.
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impl {
    (impl [$($generics:tt)*] [$($ty:tt)*] [$($predicates:tt)*] [$($envelope:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)*
        where
            $($predicates)*
            Self: $crate::ApiError,
        {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::__private::axum_response::<$($envelope)*, Self>(&self)
            }
        }
    };
}
