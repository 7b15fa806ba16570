//! Per-request values that an error body or its headers may carry.

use http::HeaderName;

/// The `X-Request-Id` header, sent when the render context carries a request id.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest `x-request-id` the axum and actix-web middleware take from a request, in bytes:
/// a longer one (or one that is not UTF-8) is ignored, neither echoed in `X-Request-Id` nor
/// written into the body, as if the request had none. Ids that proxies and tracing systems
/// generate (UUIDs, W3C trace ids, AWS trace headers) are far shorter.
pub const MAX_REQUEST_ID: usize = 200;

/// What a response knows about the request it answers: its id and the path of the occurrence.
///
/// Pass it to [`ApiError::to_response_with`](crate::ApiError::to_response_with) or
/// [`Envelope::response`](crate::Envelope::response). Without a value
/// the envelope's slot for it follows its presence rule, and the `X-Request-Id` header is not sent.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderContext<'a> {
    request_id: Option<&'a str>,
    instance: Option<&'a str>,
    accept_language: Option<&'a str>,
    /// The index of the locale the body is written in, among those of the error's type: set
    /// where the response is built, from `accept_language`.
    locale: u8,
    /// Whether `locale` was chosen for the error's type.
    negotiated: bool,
}

impl<'a> RenderContext<'a> {
    /// A context with no per-request values.
    pub const fn new() -> Self {
        RenderContext {
            request_id: None,
            instance: None,
            accept_language: None,
            locale: 0,
            negotiated: false,
        }
    }

    /// Sets the request id, sent in the body's request-id slot and the `X-Request-Id` header.
    pub const fn with_request_id(mut self, request_id: &'a str) -> Self {
        self.request_id = Some(request_id);
        self
    }

    /// Sets the instance: a URI reference for this occurrence, such as the request path. What a
    /// URI cannot hold (spaces, quotes, non-ASCII) is percent-encoded when it is written.
    pub const fn with_instance(mut self, instance: &'a str) -> Self {
        self.instance = Some(instance);
        self
    }

    /// The request id, if one was given.
    pub const fn request_id(&self) -> Option<&'a str> {
        self.request_id
    }

    /// The instance, if one was given.
    pub const fn instance(&self) -> Option<&'a str> {
        self.instance
    }

    /// Sets the request's `Accept-Language` value: an error of a type whose messages are
    /// translated is written in the best of its locales for it ([`crate::locale::negotiate`]),
    /// with `Content-Language` and `Vary: Accept-Language`.
    pub const fn with_accept_language(mut self, accept_language: &'a str) -> Self {
        self.accept_language = Some(accept_language);
        self
    }

    /// The request's `Accept-Language` value.
    pub const fn accept_language(&self) -> Option<&'a str> {
        self.accept_language
    }

    /// This context with the locale at `index` among the error type's chosen.
    pub(crate) const fn in_locale(mut self, index: usize) -> Self {
        // A type declares a few locales; an index past a `u8` is the default's.
        self.locale = if index <= u8::MAX as usize {
            index as u8
        } else {
            0
        };
        self.negotiated = true;
        self
    }

    /// Whether the locale was chosen for the error's type.
    pub(crate) const fn is_negotiated(&self) -> bool {
        self.negotiated
    }

    /// The index of the locale to write in among the error type's; `0`, its default, unless the
    /// response was built for an `Accept-Language`.
    pub(crate) const fn locale(&self) -> usize {
        self.locale as usize
    }
}
