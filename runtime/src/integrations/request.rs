//! The values of the request being handled that an error is rendered with, kept by the
//! middleware of each framework (and the tonic layer) for the conversions that cannot see the
//! request.

use crate::context::{MAX_REQUEST_ID, RenderContext};
use crate::locale::MAX_ACCEPT_LANGUAGE;

/// A request's values, as its framework holds them: the `x-request-id` and `accept-language`
/// headers and the path, each a handle on the request's own bytes (`V` a header value, `P` a
/// path and query), cloned by a reference count on every request and read as text only when an
/// error is rendered.
#[derive(Clone, Debug)]
pub(crate) struct RequestValues<V, P> {
    pub request_id: Option<V>,
    pub accept_language: Option<V>,
    pub path: Option<P>,
}

impl<V, P> Default for RequestValues<V, P> {
    fn default() -> Self {
        RequestValues {
            request_id: None,
            accept_language: None,
            path: None,
        }
    }
}

/// The path of a framework's path-and-query.
pub(crate) trait Path {
    fn path(&self) -> &str;
}

impl<V: Clone, P: Clone> RequestValues<V, P> {
    /// The values of a request with these `headers` (names in lower case, as both frameworks
    /// hold them) and this path, found in one pass over the headers rather than a lookup of
    /// each: a request has few. The first of a header's values is taken.
    #[inline]
    pub fn new<'h>(headers: impl Iterator<Item = (&'h str, &'h V)>, path: Option<&P>) -> Self
    where
        V: 'h,
    {
        let mut values = RequestValues {
            path: path.cloned(),
            ..RequestValues::default()
        };
        for (name, value) in headers {
            let place = match name {
                "accept-language" => &mut values.accept_language,
                "x-request-id" => &mut values.request_id,
                _ => continue,
            };
            if place.is_none() {
                *place = Some(value.clone());
            }
        }
        values
    }
}

impl<V: AsRef<[u8]>, P: Path> RequestValues<V, P> {
    /// The render context of the request: an id longer than [`MAX_REQUEST_ID`], or a language
    /// longer than [`MAX_ACCEPT_LANGUAGE`], is not taken.
    pub fn context(&self) -> RenderContext<'_> {
        fn text<V: AsRef<[u8]>>(value: &Option<V>, max: usize) -> Option<&str> {
            let value = value.as_ref()?.as_ref();
            (value.len() <= max).then_some(())?;
            std::str::from_utf8(value).ok()
        }
        let mut cx = RenderContext::new();
        if let Some(request_id) = text(&self.request_id, MAX_REQUEST_ID) {
            cx = cx.with_request_id(request_id);
        }
        if let Some(path) = &self.path {
            cx = cx.with_instance(path.path());
        }
        if let Some(accept_language) = text(&self.accept_language, MAX_ACCEPT_LANGUAGE) {
            cx = cx.with_accept_language(accept_language);
        }
        cx
    }
}

/// The path of `http` 1's path-and-query (axum's and tonic's).
impl Path for http::uri::PathAndQuery {
    fn path(&self) -> &str {
        http::uri::PathAndQuery::path(self)
    }
}
