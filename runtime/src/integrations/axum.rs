//! axum 0.8, with the `axum` feature.
//!
//! Every derived error is an `axum::response::IntoResponse`: return it from a handler. One
//! middleware, [`errors`], does the rest:
//!
//! ```
//! use axum::{Router, middleware, routing::get};
//!
//! let app: Router = Router::new()
//!     .route("/rooms/{id}", get(|| async { "room" }))
//!     .layer(middleware::from_fn(errwire::axum::errors::<errwire::Flat>));
//! ```
//!
//! - Handlers' errors get the request's render context: its `x-request-id` header (set it with
//!   tower-http's `SetRequestIdLayer`, outside this layer) as the request id and `X-Request-Id`,
//!   its path as the instance.
//! - Responses axum makes itself, extractor rejections (JSON, path, query), the fallback 404 and
//!   the 405, become a [`RequestError`] in the API's envelope.

use axum::body::Body;
use axum::extract::Request;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::ALLOW;

use super::scope::{self, RequestValues};
use crate::{ApiError, Envelope, RequestError, X_REQUEST_ID};

/// The longest framework response body kept as a [`RequestError`]'s reason.
const MAX_REASON: usize = 4096;

/// The axum response of `error`, with the current request's context inside [`errors`].
pub fn response<E: ApiError + ?Sized>(error: &E) -> Response {
    mark(scope::respond(error).map(Body::from))
}

/// Marks a response errwire rendered, so that [`errors`] leaves it as it is.
#[derive(Clone, Copy)]
struct Rendered;

fn mark(mut response: Response) -> Response {
    response.extensions_mut().insert(Rendered);
    response
}

/// The errwire middleware for axum, in the envelope `Env` of the API: use it with
/// `axum::middleware::from_fn(errwire::axum::errors::<Env>)`.
pub async fn errors<Env: Envelope>(request: Request, next: Next) -> Response {
    let values = RequestValues {
        request_id: request
            .headers()
            .get(X_REQUEST_ID)
            .and_then(|id| id.to_str().ok())
            .map(str::to_owned),
        instance: Some(request.uri().path().to_owned()),
    };
    let response = scope::scope(values.clone(), next.run(request)).await;
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    if !is_error || response.extensions().get::<Rendered>().is_some() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let reason = axum::body::to_bytes(body, MAX_REASON)
        .await
        .ok()
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok());
    let error = RequestError::<Env>::new(parts.status, reason)
        .with_allow(parts.headers.get(ALLOW).cloned());
    mark(error.to_response_with(&values.context()).map(Body::from))
}

impl<Env: Envelope> IntoResponse for RequestError<Env> {
    fn into_response(self) -> Response {
        response(&self)
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
