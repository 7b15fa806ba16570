//! tonic 0.14, with the `tonic` feature: the errors of a type with a gRPC domain
//! (`#[api(domain = "rooms.example.com")]`) as `tonic::Status`es carrying Google's rich error
//! model (AIP-193), and back.
//!
//! ```
//! use errwire::tonic::{from_status, status};
//! use tonic_types::StatusExt as _;
//!
//! #[derive(Debug, errwire::ApiError)]
//! #[api(domain = "rooms.example.com")]
//! enum RoomError {
//!     #[api(status = 429, code = "rate_limited", retry = "throttle",
//!           message = "Too many requests; retry in {retry_after} s.")]
//!     RateLimited { #[api(detail)] retry_after: u64 },
//! }
//!
//! let sent = status(&RoomError::RateLimited { retry_after: 30 });
//! assert_eq!(sent.code(), tonic::Code::ResourceExhausted);
//! let info = sent.get_details_error_info().unwrap();
//! assert_eq!((info.reason.as_str(), info.domain.as_str()), ("RATE_LIMITED", "rooms.example.com"));
//! assert_eq!(info.metadata["retry_after"], "30");
//! let delay = sent.get_details_retry_info().unwrap().retry_delay;
//! assert_eq!(delay, Some(std::time::Duration::from_secs(30)));
//!
//! let received = from_status::<RoomError>(&sent);
//! assert!(matches!(received.known(), Some(RoomError::RateLimited { retry_after: 30 })));
//! ```
//!
//! - The code is the variant's: `#[api(grpc = "...")]`, else the one googleapis'
//!   `google/rpc/code.proto` maps its HTTP status to (404 is `NOT_FOUND`, 429
//!   `RESOURCE_EXHAUSTED`); a status that maps to several (400, 409, 500) or none must say.
//! - The message is the public one, as over HTTP: a 5xx carries no internal text.
//! - The details: `ErrorInfo` (the reason, the type's domain, each detail as a metadata string,
//!   a string as itself and anything else as its JSON text, and each other value the message
//!   shows, as AIP-193 asks); `RetryInfo` for an error a client
//!   retries after a delay (the `Retry-After` the variant sends, else its `retry_after` detail,
//!   else one second: AIP-194 has a client retry `RESOURCE_EXHAUSTED` only with one); `BadRequest` for an `INVALID_ARGUMENT`
//!   whose details map fields to messages (its `#[api(details)]` map, or a detail that is one); `Help` linking the error's `type` URI when the type
//!   has a `type_base`; `LocalizedMessage` when its messages are translated.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use serde_json::{Map, Value};
use tonic::Status;
use tonic::metadata::{MetadataMap, MetadataValue};
use tonic_types::{ErrorDetails, FieldViolation, StatusExt as _};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry, JsonType, Retry};
use crate::client::response::HeaderFacts;
use crate::client::{ErrorResponse, FromResponse, Received, RetryAfter, Shape, WireCode};
use crate::context::RenderContext;
use crate::grpc::GrpcCode;
use crate::integrations::request;
use crate::message::Message;

/// The delay a throttled error without a `Retry-After` asks for.
const DEFAULT_DELAY: Duration = Duration::from_secs(1);

type RequestValues = request::RequestValues<http::HeaderValue, http::uri::PathAndQuery>;

scoped_tls::scoped_thread_local! {
    /// The values of the request a [`WithContext`] service is handling.
    static CURRENT: RequestValues
}

/// `error` as a gRPC status, with the values of the request being handled inside a
/// [`ContextLayer`], else with none; with the `tracing` feature, logged as the HTTP
/// integrations log a response. What `From<Error> for tonic::Status` calls.
pub fn status<E: ApiError + ?Sized>(error: &E) -> Status {
    let status = match CURRENT.is_set() {
        true => CURRENT.with(|values| status_with(error, &values.context())),
        false => status_with(error, &RenderContext::new()),
    };
    #[cfg(feature = "tracing")]
    crate::log::response(error, error.status());
    status
}

/// The tower layer for tonic servers that gives the errors a service turns into statuses while
/// it handles a request (with `?`, or `Status::from`) the request's values, as the HTTP
/// middleware does: its `x-request-id` metadata, echoed on the status, and its
/// `accept-language`, which chooses the locale of a translated message.
///
/// ```
/// let server = tonic::transport::Server::builder().layer(errwire::tonic::ContextLayer);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ContextLayer;

impl<S> tower_layer::Layer<S> for ContextLayer {
    type Service = WithContext<S>;

    fn layer(&self, inner: S) -> WithContext<S> {
        WithContext { inner }
    }
}

/// A service behind a [`ContextLayer`].
#[derive(Clone, Debug)]
pub struct WithContext<S> {
    inner: S,
}

impl<S, B> tower_service::Service<http::Request<B>> for WithContext<S>
where
    S: tower_service::Service<http::Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = InContext<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> InContext<S::Future> {
        let headers = request.headers().iter();
        let values = RequestValues::new(
            headers.map(|(name, value)| (name.as_str(), value)),
            request.uri().path_and_query(),
        );
        InContext {
            values,
            inner: self.inner.call(request),
        }
    }
}

pin_project_lite::pin_project! {
    /// The future of a [`WithContext`] service: the inner one's, polled with the request's
    /// values as the current ones.
    pub struct InContext<F> {
        values: RequestValues,
        #[pin]
        inner: F,
    }
}

impl<F: Future> Future for InContext<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let values = &*this.values;
        let inner = this.inner;
        CURRENT.set(values, || inner.poll(cx))
    }
}

/// `error` as a gRPC status for one request: its message in the best of the type's locales for
/// the context's `Accept-Language`, and its request id as `x-request-id` metadata.
pub fn status_with<E: ApiError + ?Sized>(error: &E, cx: &RenderContext<'_>) -> Status {
    let catalog = error.__type_catalog();
    let http = error.status().as_u16();
    let grpc = error.__grpc();
    let code = grpc.map_or_else(|| GrpcCode::of_status(http), |grpc| grpc.code);
    let locales = catalog.locales;
    let locale = match (locales.len() > 1, cx.accept_language()) {
        (true, Some(accept)) => crate::locale::negotiate(accept, locales),
        _ => 0,
    };
    // As over HTTP, an error whose message or details cannot be written is a bare 500.
    let Some(message) = text(Message(error, locale)) else {
        return failsafe();
    };
    let details = match serde_json::to_value(error.details()) {
        Ok(Value::Object(details)) => details,
        Ok(_) => Map::new(),
        Err(_) => return failsafe(),
    };
    let mut rich = ErrorDetails::new();
    let reason = match (grpc, error.code()) {
        (Some(grpc), _) => grpc.reason.to_owned(),
        (None, Some(code)) => code.to_string(),
        (None, None) => code.name().to_owned(),
    };
    let entry = grpc.and_then(|grpc| entry_of(catalog, grpc.reason));
    let mut metadata: HashMap<String, String> = details
        .iter()
        .map(|(name, value)| (name.clone(), metadata_text(value)))
        .collect();
    error.__message_values(&mut |name, value| {
        if let Some(value) = text(value) {
            metadata.entry(name.to_owned()).or_insert(value);
        }
    });
    rich.set_error_info(reason, catalog.domain.unwrap_or_default(), metadata);
    if let Some(delay) = delay(error, &details) {
        rich.set_retry_info(Some(delay));
    }
    if code == GrpcCode::InvalidArgument {
        // A variant whose details are one map, `#[api(details)]`, maps the fields to messages.
        let whole = entry.is_some_and(|entry| entry.fields.iter().any(|field| field.details));
        let violations = match whole {
            true => field_violations(&details),
            false => details
                .values()
                .filter_map(Value::as_object)
                .flat_map(field_violations)
                .collect(),
        };
        if !violations.is_empty() {
            rich.set_bad_request(violations);
        }
    }
    if let Some(uri) = type_uri(error) {
        rich.add_help_link("This error in the API's documentation", uri);
    }
    if locales.len() > 1 {
        rich.set_localized_message(locales[locale], message.clone());
    }
    let mut metadata = MetadataMap::new();
    if let Some(id) = cx.request_id()
        && let Ok(id) = MetadataValue::try_from(id)
    {
        metadata.insert("x-request-id", id);
    }
    Status::with_error_details_and_metadata(tonic_code(code), message, rich, metadata)
}

/// The text `value` writes; `None` when its `Display` fails, where `to_string` would panic.
fn text(value: impl fmt::Display) -> Option<String> {
    let mut text = String::new();
    write!(text, "{value}").ok()?;
    Some(text)
}

/// The status of an error that cannot be written, as the envelopes' failsafe 500 is.
fn failsafe() -> Status {
    Status::internal("Internal Server Error")
}

/// A detail as a metadata string: a string as itself, anything else as its JSON text.
fn metadata_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// How long a client waits before it retries `error`, by the client's rule: the `Retry-After`
/// it sends, else its `retry_after` detail in seconds; else a second for an error a client
/// retries only after a delay, and `None` for any other.
fn delay<E: ApiError + ?Sized>(error: &E, details: &Map<String, Value>) -> Option<Duration> {
    let mut headers = http::HeaderMap::new();
    error.headers(&mut headers);
    let sent = HeaderFacts::of(&headers)
        .retry_after(|| details.get("retry_after")?.as_u64())
        .map(|after| after.delay_from(SystemTime::now()));
    match error.retry() {
        Retry::Throttle => Some(sent.unwrap_or(DEFAULT_DELAY)),
        _ => sent,
    }
}

/// The fields an `INVALID_ARGUMENT` says are wrong, in a map of each to a message or a list of
/// them.
fn field_violations(fields: &Map<String, Value>) -> Vec<FieldViolation> {
    let mut violations = Vec::new();
    for (field, messages) in fields {
        match messages {
            Value::String(message) => violations.push(FieldViolation::new(field, message)),
            Value::Array(messages) => violations.extend(
                messages
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|message| FieldViolation::new(field, message)),
            ),
            _ => {}
        }
    }
    violations
}

/// The entry of `catalog` with the gRPC reason `reason`.
fn entry_of(catalog: &'static Catalog, reason: &str) -> Option<&'static CatalogEntry> {
    let named = |entry: &&CatalogEntry| entry.grpc.is_some_and(|grpc| grpc.reason == reason);
    catalog.entries.iter().find(named)
}

/// The error's RFC 9457 `type` URI, which links its entry on the documentation page.
fn type_uri<E: ApiError + ?Sized>(error: &E) -> Option<String> {
    match error.__type_uri() {
        Some(uri) => Some(uri.to_owned()),
        None => Some(format!("{}{}", error.__type_base()?, error.code()?)),
    }
}

fn tonic_code(code: GrpcCode) -> tonic::Code {
    tonic::Code::from_i32(code.number())
}

/// The error a gRPC status carries, read through `E`'s catalog as
/// [`from_response`](FromResponse::from_response) reads an HTTP response: the variant whose
/// reason the status's `ErrorInfo` gives in `E`'s domain, its fields from the metadata;
/// otherwise a generic error that keeps everything (the code's HTTP status, the message, the
/// metadata as details, the reason as the code, the metadata and the encoded details). Never
/// fails.
pub fn from_status<E: FromResponse>(status: &Status) -> Received<E> {
    let catalog = E::catalog();
    let rich = status.get_error_details();
    let info = rich.error_info();
    let entry = info
        .filter(|info| catalog.domain == Some(info.domain.as_str()))
        .and_then(|info| entry_of(catalog, &info.reason));
    let code = GrpcCode::from_number(status.code() as i32);
    let http = entry.and_then(|entry| entry.status).unwrap_or_else(|| {
        http::StatusCode::from_u16(code.http_status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    });
    let details = info
        .map(|info| {
            // A proto map has no order: the fields of a `BadRequest` keep theirs.
            let violations = rich.bad_request().map(|bad| &bad.field_violations[..]);
            let order: Vec<&str> = violations
                .unwrap_or_default()
                .iter()
                .map(|violation| violation.field.as_str())
                .collect();
            read_metadata(entry, &info.metadata, &order)
        })
        .unwrap_or_default();
    let wire_code = match (entry, info) {
        (Some(entry), _) => entry.code.map(WireCode::from),
        (None, Some(info)) => Some(WireCode::Str(info.reason.clone())),
        (None, None) => None,
    };
    let headers = status.metadata().clone().into_headers();
    let request_id = HeaderFacts::of(&headers).request_id();
    let response = ErrorResponse {
        status: http,
        code: wire_code,
        language: rich
            .localized_message()
            .map(|message| message.locale.clone()),
        message: Some(status.message().to_owned()),
        title: None,
        type_uri: rich
            .help()
            .and_then(|help| help.links.first())
            .map(|link| link.url.clone()),
        instance: None,
        details,
        request_id,
        retry_after: rich
            .retry_info()
            .and_then(|info| info.retry_delay)
            .map(RetryAfter::Delay),
        retry: entry.map_or_else(|| Retry::for_status(http), |entry| entry.retry),
        shape: Shape::Grpc,
        headers,
        body: status.details().to_vec(),
        incomplete: None,
    };
    Received::new(response)
}

/// The metadata of an `ErrorInfo` as details, in the `order` of the fields a `BadRequest` names,
/// then by name: a string for a field the entry declares a string
/// (and for any detail of an error `E` does not know), else the value its JSON text is; in an
/// entry whose details are one map (`#[api(details)]`), the value its JSON text is, else the
/// text.
fn read_metadata(
    entry: Option<&CatalogEntry>,
    metadata: &HashMap<String, String>,
    order: &[&str],
) -> Map<String, Value> {
    let mut entries: Vec<(&String, &String)> = metadata.iter().collect();
    let place = |name: &str| order.iter().position(|field| *field == name);
    entries.sort_by(|a, b| {
        let (a, b) = (a.0, b.0);
        (place(a).unwrap_or(usize::MAX), a).cmp(&(place(b).unwrap_or(usize::MAX), b))
    });
    let whole = entry.is_some_and(|entry| entry.fields.iter().any(|field| field.details));
    entries
        .into_iter()
        .map(|(name, text)| {
            let declared = entry.and_then(|entry| {
                entry
                    .fields
                    .iter()
                    .find(|field| field.detail == Some(name.as_str()))
            });
            let json = match declared {
                Some(field) => field.json_type != JsonType::String,
                None => whole,
            };
            let value = match json {
                true => serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone())),
                false => Value::String(text.clone()),
            };
            (name.clone(), value)
        })
        .collect()
}

/// `From<Error> for tonic::Status` for a derived type with a gRPC domain, so that a service
/// returns its errors with `?`. A type without one is not a gRPC error (AIP-193 has every
/// `ErrorInfo` name its domain); [`status`] still converts it, its reason its code.
#[doc(hidden)]
#[macro_export]
macro_rules! __tonic_impl {
    (impl [$($generics:tt)*] [$($ty:tt)*] [$($predicates:tt)*] [$($envelope:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status
        where
            $($predicates)*
            $($ty)*: $crate::ApiError,
        {
            fn from(error: $($ty)*) -> Self {
                $crate::tonic::status(&error)
            }
        }
    };
}
