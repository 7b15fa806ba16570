//! What both frameworks' middleware do alike: render an error with the values of the request
//! being handled, for the conversions that cannot see the request
//! (`IntoResponse::into_response`, `ResponseError::error_response`), and put the framework's own
//! error responses in the API's envelope.

use std::time::Duration;

use http::StatusCode;

pub(crate) use super::request::{Path, RequestValues};
use crate::api_error::ApiError;
use crate::context::RenderContext;
use crate::envelope::Envelope;
use crate::envelope::response::{self, Head};
use crate::request_error::RequestError;

/// The most of a framework's plain-text error body that is read, and how long reading it may
/// take: a body that is longer, or slower, is dropped, and the error is enveloped without it.
pub(crate) const MAX_BODY: usize = 4096;
pub(crate) const BODY_TIMEOUT: Duration = Duration::from_secs(1);

/// Marks a response errwire rendered, so that the middleware leaves it as it is.
#[derive(Clone, Copy)]
pub(crate) struct Rendered;

/// The response of `error` in the envelope `Env`, with the context of the request `current`
/// holds while its middleware polls the handler, else with none.
pub(crate) fn respond_current<Env, E, H, V, P>(
    current: &'static scoped_tls::ScopedKey<RequestValues<V, P>>,
    error: &E,
) -> H
where
    Env: Envelope,
    E: ApiError,
    H: Head,
    V: AsRef<[u8]>,
    P: Path,
{
    match current.is_set() {
        true => current.with(|values| respond::<Env, E, H>(error, &values.context())),
        false => respond::<Env, E, H>(error, &RenderContext::new()),
    }
}

/// The response of `error` in the envelope `Env` with the context `cx`; with the `tracing`
/// feature, logged, as it is about to be sent.
pub(crate) fn respond<Env: Envelope, E: ApiError, H: Head>(error: &E, cx: &RenderContext<'_>) -> H {
    let response = response::build::<Env, E, H>(error, cx);
    #[cfg(feature = "tracing")]
    crate::log::response(error, response.status());
    response
}

/// What the middleware does with a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Handling {
    /// Sent as it is: not an error, rendered by errwire, or an error with a body of its own.
    Keep,
    /// Put in the API's envelope; for a 4xx, with the body's text, read within the bounds.
    Envelope { read_body: bool },
}

/// The rule: an error response errwire did not render goes in the envelope when it carries no
/// body of its own, that is when it is empty or plain text (the frameworks' rejections, 404 and
/// 405); any other body (JSON, HTML, ...) is the handler's and passes through untouched. A 5xx
/// body is never read: its text would not be sent.
pub(crate) fn handling(status: u16, rendered: bool, content_type: Option<&[u8]>) -> Handling {
    if rendered || !is_error(status) {
        return Handling::Keep;
    }
    let plain = content_type.is_none_or(|content_type| {
        content_type
            .get(..10)
            .is_some_and(|start| start.eq_ignore_ascii_case(b"text/plain"))
    });
    match plain {
        true => Handling::Envelope {
            read_body: status < 500,
        },
        false => Handling::Keep,
    }
}

/// Whether a response of `status` is an error, which the middleware looks at further.
pub(crate) fn is_error(status: u16) -> bool {
    (400..600).contains(&status)
}

/// The framework's own error response, of `status` with the text `body`, as a [`RequestError`]
/// in the envelope `Env`, without the framework's headers: [`carried`] says which of those it
/// keeps.
pub(crate) fn framework_error<Env: Envelope, H: Head>(
    status: u16,
    body: Option<&[u8]>,
    cx: &RenderContext<'_>,
) -> H {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = body
        .and_then(|body| std::str::from_utf8(body).ok())
        .map(str::to_owned);
    respond::<Env, _, H>(&RequestError::<Env>::new(status, reason), cx)
}

/// The headers of the framework's error response that its envelope keeps: every one but those
/// that describe the replaced body, and those errwire set itself (`own`, the names the envelope
/// has before any is carried over).
pub(crate) fn carried<'h, N, V>(
    headers: impl IntoIterator<Item = (&'h N, &'h V)>,
    own: &[N],
) -> impl Iterator<Item = (&'h N, &'h V)>
where
    N: AsRef<str> + PartialEq + 'h,
    V: 'h,
{
    headers
        .into_iter()
        .filter(move |(name, _)| !describes_body(name.as_ref()) && !own.contains(name))
}

/// Whether a header of the framework's response describes its body, which the envelope replaces.
fn describes_body(name: &str) -> bool {
    matches!(
        name,
        "content-type"
            | "content-length"
            | "content-encoding"
            | "content-language"
            | "content-location"
            | "content-range"
            | "content-disposition"
            | "transfer-encoding"
            | "etag"
            | "last-modified"
            | "accept-ranges"
            | "content-md5"
            | "content-digest"
            | "repr-digest"
            | "digest"
    )
}
