//! What both frameworks' middleware do alike: run the request inside its render context, for
//! the conversions that cannot see the request (`IntoResponse::into_response`,
//! `ResponseError::error_response`), and put the framework's own error responses in the API's
//! envelope.

use std::future::Future;
use std::time::Duration;

use http::header::{self, HeaderMap, HeaderName};
use http::{Response, StatusCode};

use crate::api_error::ApiError;
use crate::context::{MAX_REQUEST_ID, RenderContext};
use crate::envelope::Envelope;
use crate::locale::MAX_ACCEPT_LANGUAGE;
use crate::request_error::RequestError;

/// The most of a framework's plain-text error body that is read, and how long reading it may
/// take: a body that is longer, or slower, is dropped, and the error is enveloped without it.
pub(crate) const MAX_BODY: usize = 4096;
pub(crate) const BODY_TIMEOUT: Duration = Duration::from_secs(1);

/// Marks a response errwire rendered, so that the middleware leaves it as it is.
#[derive(Clone, Copy)]
pub(crate) struct Rendered;

/// The per-request values, owned for the length of the request.
#[derive(Clone, Debug, Default)]
pub(crate) struct RequestValues {
    pub request_id: Option<String>,
    pub instance: Option<String>,
    pub accept_language: Option<String>,
}

impl RequestValues {
    /// The values of a request with these `x-request-id` and `accept-language` headers and this
    /// path; an id longer than [`MAX_REQUEST_ID`], or a language longer than
    /// [`MAX_ACCEPT_LANGUAGE`], is not taken.
    pub fn new(request_id: Option<&[u8]>, accept_language: Option<&[u8]>, path: &str) -> Self {
        let text = |value: Option<&[u8]>, max: usize| {
            value
                .filter(|value| value.len() <= max)
                .and_then(|value| std::str::from_utf8(value).ok())
                .map(str::to_owned)
        };
        RequestValues {
            request_id: text(request_id, MAX_REQUEST_ID),
            instance: Some(path.to_owned()),
            accept_language: text(accept_language, MAX_ACCEPT_LANGUAGE),
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
        if let Some(accept_language) = &self.accept_language {
            cx = cx.with_accept_language(accept_language);
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
pub(crate) fn respond<Env: Envelope, E: ApiError>(error: &E) -> Response<Vec<u8>> {
    let response = CURRENT
        .try_with(|values| Env::response(error, &values.context()))
        .unwrap_or_else(|_| Env::response(error, &RenderContext::new()));
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
    if rendered || !(400..600).contains(&status) {
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

/// Whether a header of the framework's response describes its body, which the envelope replaces.
fn describes_body(name: &HeaderName) -> bool {
    const BODY: &[HeaderName] = &[
        header::CONTENT_TYPE,
        header::CONTENT_LENGTH,
        header::CONTENT_ENCODING,
        header::CONTENT_LANGUAGE,
        header::CONTENT_LOCATION,
        header::CONTENT_RANGE,
        header::CONTENT_DISPOSITION,
        header::TRANSFER_ENCODING,
        header::ETAG,
        header::LAST_MODIFIED,
        header::ACCEPT_RANGES,
    ];
    BODY.contains(name)
        || matches!(
            name.as_str(),
            "content-md5" | "content-digest" | "repr-digest" | "digest"
        )
}

/// The framework's own error response, of `status` with the text `body` and the headers
/// `headers`, as a [`RequestError`] in the envelope `Env`: every header is kept but those that
/// describe the replaced body, and those errwire sets itself.
pub(crate) fn framework_error<Env: Envelope>(
    status: u16,
    body: Option<&[u8]>,
    headers: &HeaderMap,
    values: &RequestValues,
) -> Response<Vec<u8>> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = body
        .and_then(|body| std::str::from_utf8(body).ok())
        .map(str::to_owned);
    let error = RequestError::<Env>::new(status, reason);
    let mut response = Env::response(&error, &values.context());
    #[cfg(feature = "tracing")]
    crate::log::response(&error, response.status());
    let own: Vec<HeaderName> = response.headers().keys().cloned().collect();
    for (name, value) in headers {
        if !describes_body(name) && !own.contains(name) {
            response.headers_mut().append(name, value.clone());
        }
    }
    response
}
