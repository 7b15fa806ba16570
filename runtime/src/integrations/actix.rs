//! actix-web 4, with the `actix-web` feature.
//!
//! Every derived error that is `Debug + Display` is an `actix_web::ResponseError`: return it
//! from a handler. One middleware, [`envelope_errors`], does the rest:
//!
//! ```
//! use actix_web::{App, middleware, web};
//!
//! let app = App::new()
//!     .wrap(middleware::from_fn(errwire::actix::envelope_errors::<errwire::Flat, _>))
//!     .route("/rooms/{id}", web::get().to(|| async { "room" }));
//! ```
//!
//! - Handlers' errors get the request's render context: its `x-request-id` header as the
//!   request id and `X-Request-Id`, unless it is longer than
//!   [`MAX_REQUEST_ID`](crate::MAX_REQUEST_ID) bytes; its path as the instance.
//! - Responses actix-web makes itself, JSON, path and query extraction errors, the default 404
//!   and 405, become a [`RequestError`] in the API's envelope, with the framework's text as the
//!   message of a 4xx.
//!   An error response errwire did not render goes in the envelope only when its body is empty or
//!   plain text; any other body (a handler's own JSON) passes through untouched. The enveloped
//!   response keeps every header but those that describe the replaced body; a 4xx body is read
//!   within 4 KiB and 1 s, a 5xx body never (the README has the details).

use std::future::Future;
use std::marker::PhantomData;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use actix_web::body::{BodySize, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::error::{InternalError, JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::uri::PathAndQuery;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};

use super::scope::{self, BODY_TIMEOUT, Handling, MAX_BODY, Rendered};

type RequestValues = scope::RequestValues<HeaderValue, PathAndQuery>;

impl scope::Path for PathAndQuery {
    fn path(&self) -> &str {
        PathAndQuery::path(self)
    }
}

scoped_tls::scoped_thread_local! {
    /// The values of the request [`envelope_errors`] is polling the handler of.
    static CURRENT: RequestValues
}
use crate::api_error::ApiError;
use crate::envelope::Envelope;
use crate::envelope::response::{Head, Set};
use crate::request_error::RequestError;

/// The actix-web status of `error`: what the derived `ResponseError` returns.
pub(crate) fn status_code<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    actix_status(error.status())
}

/// An `http` 1 status as actix-web's (actix-web 4 is on `http` 0.2).
fn actix_status(status: http::StatusCode) -> StatusCode {
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The actix-web response of `error` in the envelope `Env`, with the current request's context
/// inside [`envelope_errors`]: what the derived `ResponseError` returns.
pub(crate) fn response<Env: Envelope, E: ApiError>(error: &E) -> HttpResponse {
    mark(scope::respond_current::<Env, E, _, _, _>(&CURRENT, error))
}

fn mark(mut response: HttpResponse) -> HttpResponse {
    response.extensions_mut().insert(Rendered);
    response
}

/// actix-web's response is built as it is, not converted from an `http` 1 one: only an error's
/// own headers (`Retry-After`, ...) are, from the `http` 1 map `ApiError::headers` writes.
impl Head for HttpResponse {
    fn new(status: http::StatusCode, body: Vec<u8>) -> Self {
        HttpResponse::with_body(actix_status(status), BoxBody::new(body))
    }

    #[cfg(feature = "tracing")]
    fn status(&self) -> http::StatusCode {
        http::StatusCode::from_u16(HttpResponse::status(self).as_u16())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_headers<E: ApiError>(&mut self, error: &E) {
        let mut headers = http::HeaderMap::new();
        error.headers(&mut headers);
        for (name, value) in &headers {
            // Both were valid `http` 1 names and values, so they are valid `http` 0.2 ones.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_str().as_bytes()),
                HeaderValue::from_bytes(value.as_bytes()),
            ) {
                self.headers_mut().append(name, value);
            }
        }
    }

    fn set(&mut self, name: Set, value: &str) {
        match HeaderValue::from_str(value) {
            Ok(value) => {
                self.headers_mut().insert(actix_name(name), value);
            }
            Err(_) => crate::headers::dropped(&name.name()),
        }
    }

    fn content_type<Env: Envelope>(&mut self) {
        let value = const { HeaderValue::from_static(Env::CONTENT_TYPE) };
        self.headers_mut().insert(header::CONTENT_TYPE, value);
    }

    fn append(&mut self, name: Set, value: &str) {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers_mut().append(actix_name(name), value);
        }
    }
}

/// The name of a header errwire sets, as actix-web's `http` 0.2 has it.
fn actix_name(name: Set) -> HeaderName {
    match name {
        Set::RequestId => const { HeaderName::from_static("x-request-id") },
        Set::ContentLanguage => header::CONTENT_LANGUAGE,
        Set::Vary => header::VARY,
    }
}

/// The errwire middleware for actix-web: renders handlers' errors with the request's id and
/// path, and puts the framework's own error responses in the API's envelope `Env`. Use it with
/// `actix_web::middleware::from_fn(errwire::actix::envelope_errors::<Env, _>)`.
pub fn envelope_errors<Env: Envelope + 'static, B: MessageBody + 'static>(
    request: ServiceRequest,
    next: Next<B>,
) -> impl Future<Output = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>> + use<Env, B> {
    let headers = request.headers().iter();
    let values = RequestValues::new(
        headers.map(|(name, value)| (name.as_str(), value)),
        request.uri().path_and_query(),
    );
    Running::<Env, B> {
        values,
        handler: next.call(request),
        enveloping: None,
        envelope: PhantomData,
    }
}

/// What the middleware's future gives: the response, its body the handler's (left) or the
/// envelope's (right).
type Enveloped<B> = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>;

/// The future of [`envelope_errors`]: the handler's, polled with the request's values as the
/// current ones; then, for an error of the framework's, the work of putting it in the envelope,
/// boxed so that every request's future stays small (reading a body takes a timer).
struct Running<Env, B> {
    values: RequestValues,
    handler: <Next<B> as Service<ServiceRequest>>::Future,
    enveloping: Option<Pin<Box<dyn Future<Output = Enveloped<B>>>>>,
    envelope: PhantomData<fn() -> Env>,
}

impl<Env: Envelope + 'static, B: MessageBody + 'static> Future for Running<Env, B> {
    type Output = Enveloped<B>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Enveloped<B>> {
        let this = self.get_mut();
        if let Some(enveloping) = &mut this.enveloping {
            return enveloping.as_mut().poll(cx);
        }
        let handler = &mut this.handler;
        let result = ready!(CURRENT.set(&this.values, || handler.as_mut().poll(cx)));
        let enveloping: Pin<Box<dyn Future<Output = Enveloped<B>>>> = match result {
            Ok(response) => {
                // A success, or a response the rule keeps, leaves at once, its body not boxed:
                // what every request pays.
                let Handling::Envelope { read_body } = handling(response.response()) else {
                    return Poll::Ready(Ok(response.map_into_left_body()));
                };
                let (request, response) = response.map_into_boxed_body().into_parts();
                let values = mem::take(&mut this.values);
                Box::pin(async move {
                    let response = in_envelope::<Env>(response, read_body, &values).await;
                    Ok(ServiceResponse::new(request, response).map_into_right_body())
                })
            }
            // An inner middleware failed: its error becomes a response only after this one, so
            // it is made here, with the request's values, as a handler's is.
            Err(error) => {
                let response = CURRENT.set(&this.values, || error.error_response());
                let Handling::Envelope { read_body } = handling(&response) else {
                    return Poll::Ready(Err(InternalError::from_response(error, response).into()));
                };
                let values = mem::take(&mut this.values);
                Box::pin(async move {
                    let response = in_envelope::<Env>(response, read_body, &values).await;
                    Err(InternalError::from_response(error, response).into())
                })
            }
        };
        this.enveloping.insert(enveloping).as_mut().poll(cx)
    }
}

/// What the middleware's rule does with `response`.
fn handling<B>(response: &HttpResponse<B>) -> Handling {
    let status = response.status().as_u16();
    if !scope::is_error(status) {
        return Handling::Keep;
    }
    let rendered = response.extensions().get::<Rendered>().is_some();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.as_bytes());
    scope::handling(status, rendered, content_type)
}

/// The framework's own error response `response` in the envelope `Env`, its body read first
/// when `read_body`.
async fn in_envelope<Env: Envelope>(
    response: HttpResponse,
    read_body: bool,
    values: &RequestValues,
) -> HttpResponse {
    let status = response.status().as_u16();
    let (head, body) = response.into_parts();
    // An empty body (actix-web's own 404 and 405) has nothing to read: no timer is set for it.
    let empty = matches!(body.size(), BodySize::None | BodySize::Sized(0));
    let text = match read_body && !empty {
        true => tokio::time::timeout(
            BODY_TIMEOUT,
            actix_web::body::to_bytes_limited(body, MAX_BODY),
        )
        .await
        .ok()
        .and_then(Result::ok)
        .and_then(Result::ok),
        false => None,
    };
    let mut response: HttpResponse =
        scope::framework_error::<Env, _>(status, text.as_deref(), &values.context());
    let own: Vec<_> = response.headers().keys().cloned().collect();
    for (name, value) in scope::carried(head.headers(), &own) {
        response.headers_mut().append(name.clone(), value.clone());
    }
    mark(response)
}

impl<Env: Envelope> ResponseError for RequestError<Env> {
    fn status_code(&self) -> StatusCode {
        status_code(self)
    }

    fn error_response(&self) -> HttpResponse {
        response::<Env, Self>(self)
    }
}

macro_rules! from_errors {
    ($($error:ty),*) => {$(
        impl<Env> From<$error> for RequestError<Env> {
            fn from(error: $error) -> Self {
                let status = http::StatusCode::from_u16(error.status_code().as_u16())
                    .unwrap_or(http::StatusCode::BAD_REQUEST);
                RequestError::new(status, Some(error.to_string()))
            }
        }
    )*};
}

from_errors!(JsonPayloadError, PathError, QueryPayloadError);

/// `actix_web::ResponseError` for a derived type that is `Debug + Display`, as the trait
/// requires. The bound is higher-ranked so that it is checked where the impl is used, not
/// where it is declared: a type without `Display` simply is not a `ResponseError`.
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impl {
    (impl [$($generics:tt)*] [$($ty:tt)*] [$($predicates:tt)*] [$($envelope:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            $($predicates)*
            Self: $crate::ApiError,
            for<'__errwire> $($ty)*: ::core::fmt::Debug + ::core::fmt::Display,
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::__private::actix_response::<$($envelope)*, Self>(self)
            }
        }
    };
}
