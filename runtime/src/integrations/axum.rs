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

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::HeaderValue;
use http::header::CONTENT_TYPE;
use http::uri::PathAndQuery;
use tower_service::Service;

use super::scope::{self, BODY_TIMEOUT, Handling, MAX_BODY, Rendered};
use crate::api_error::ApiError;
use crate::envelope::Envelope;
use crate::request_error::RequestError;

type RequestValues = scope::RequestValues<HeaderValue, PathAndQuery>;

scoped_tls::scoped_thread_local! {
    /// The values of the request [`envelope_errors`] is polling the handler of.
    static CURRENT: RequestValues
}

/// The axum response of `error` in the envelope `Env`, with the current request's context inside
/// [`envelope_errors`]: what the derived `IntoResponse` returns.
pub(crate) fn response<Env: Envelope, E: ApiError>(error: &E) -> Response {
    let response: http::Response<Vec<u8>> =
        scope::respond_current::<Env, E, _, _, _>(&CURRENT, error);
    mark(response.map(Body::from))
}

fn mark(mut response: Response) -> Response {
    response.extensions_mut().insert(Rendered);
    response
}

/// The errwire middleware for axum: renders handlers' errors with the request's id and path,
/// and puts the framework's own error responses in the API's envelope `Env`. Use it with
/// `axum::middleware::from_fn(errwire::axum::envelope_errors::<Env>)`.
///
/// What it keeps of each request is the handles on its id, language and path, which it clones by
/// a reference count; nothing is allocated unless an error is rendered.
pub fn envelope_errors<Env: Envelope>(
    request: Request,
    mut next: Next,
) -> impl Future<Output = Response> + Send + use<Env> {
    let headers = request.headers().iter();
    let values = RequestValues::new(
        headers.map(|(name, value)| (name.as_str(), value)),
        request.uri().path_and_query(),
    );
    Running::<Env> {
        values,
        // The rest of the stack's future, as `Next::run` awaits it: boxed already, so that this
        // future stays small, where `run`'s would hold the request until first polled.
        handler: Service::call(&mut next, request),
        enveloping: None,
        envelope: PhantomData,
    }
}

/// The future of [`envelope_errors`]: the handler's, polled with the request's values as the
/// current ones; then, for an error of the framework's, the work of putting it in the envelope,
/// boxed so that every request's future stays small (reading a body takes a timer).
struct Running<Env> {
    values: RequestValues,
    handler: <Next as Service<Request>>::Future,
    enveloping: Option<Pin<Box<dyn Future<Output = Response> + Send>>>,
    envelope: PhantomData<fn() -> Env>,
}

impl<Env: Envelope> Future for Running<Env> {
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        let this = self.get_mut();
        if let Some(enveloping) = &mut this.enveloping {
            return enveloping.as_mut().poll(cx);
        }
        let handler = &mut this.handler;
        let response = match ready!(CURRENT.set(&this.values, || handler.as_mut().poll(cx))) {
            Ok(response) => response,
            Err(infallible) => match infallible {},
        };
        let status = response.status().as_u16();
        if !scope::is_error(status) {
            return Poll::Ready(response);
        }
        let rendered = response.extensions().get::<Rendered>().is_some();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|value| value.as_bytes());
        let Handling::Envelope { read_body } = scope::handling(status, rendered, content_type)
        else {
            return Poll::Ready(response);
        };
        let values = std::mem::take(&mut this.values);
        let enveloping = this
            .enveloping
            .insert(Box::pin(in_envelope::<Env>(response, read_body, values)));
        enveloping.as_mut().poll(cx)
    }
}

/// The framework's own error response `response` in the envelope `Env`, its body read first
/// when `read_body`.
async fn in_envelope<Env: Envelope>(
    response: Response,
    read_body: bool,
    values: RequestValues,
) -> Response {
    let (parts, body) = response.into_parts();
    // An empty body (axum's own 404 and 405) has nothing to read: no timer is set for it.
    let empty = HttpBody::size_hint(&body).exact() == Some(0);
    let text = match read_body && !empty {
        true => tokio::time::timeout(BODY_TIMEOUT, axum::body::to_bytes(body, MAX_BODY))
            .await
            .ok()
            .and_then(Result::ok),
        false => None,
    };
    let mut response: http::Response<Vec<u8>> =
        scope::framework_error::<Env, _>(parts.status.as_u16(), text.as_deref(), &values.context());
    let own: Vec<_> = response.headers().keys().cloned().collect();
    for (name, value) in scope::carried(&parts.headers, &own) {
        response.headers_mut().append(name, value.clone());
    }
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
