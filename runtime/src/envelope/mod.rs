//! Envelopes: the JSON shape an API gives its error bodies, where each fact goes in it, and the
//! response of an error rendered in one.

mod builtin;
mod declare;
pub(crate) mod flatten;
mod node;
pub(crate) mod response;
pub(crate) mod template;

pub use builtin::{Flat, JsonApi, Nested, Problem};
pub use node::{Member, Node, Presence, Slot};

/// The built-in envelopes by name, in the order a reader tries them on a body its own
/// envelope does not read (the Rust client's and the TypeScript module's).
#[cfg(any(feature = "client", feature = "typescript"))]
pub(crate) const BUILTINS: [(&str, &dyn DynEnvelope); 4] = [
    ("Problem", Problem::DYN),
    ("JsonApi", JsonApi::DYN),
    ("Nested", Nested::DYN),
    ("Flat", Flat::DYN),
];

use core::marker::PhantomData;

use http::Response;
use serde::Serializer;

use crate::api_error::ApiError;
use crate::context::RenderContext;

/// The shape of an API's error body.
///
/// An envelope reads the facts of an error (status, code, message, title, details) and the
/// per-request values of a [`RenderContext`], and writes them into a serializer in the shape the
/// API documents. Choose one per error type with `#[api(envelope = Path)]`; the default is
/// [`Problem`]. Rendering in a chosen envelope is a function of the envelope:
/// [`Flat::response(&error, &cx)`](Envelope::response), [`Flat::write_body`](Envelope::write_body).
///
/// Declare one with [`envelope!`](crate::envelope!), which checks the template when it compiles
/// and renders the failsafe body from it. Implement the trait by hand for a shape a template
/// cannot state; [`FAILSAFE_BODY`](Envelope::FAILSAFE_BODY) must then be written by hand too:
///
/// ```
/// use errwire::{ApiError, Envelope, RenderContext};
/// use serde::ser::{SerializeMap, Serializer};
///
/// /// `{"ok": false, "reason": "..."}`, with the status as text when the error has no code.
/// struct Legacy;
///
/// impl Envelope for Legacy {
///     const CONTENT_TYPE: &'static str = "application/json";
///     const FAILSAFE_BODY: &'static str = r#"{"ok":false,"reason":"500"}"#;
///
///     fn serialize_error<E, S>(error: &E, _: &RenderContext<'_>, serializer: S) -> Result<S::Ok, S::Error>
///     where
///         E: ApiError,
///         S: Serializer,
///     {
///         let mut map = serializer.serialize_map(Some(2))?;
///         map.serialize_entry("ok", &false)?;
///         match error.code() {
///             Some(code) => map.serialize_entry("reason", &code)?,
///             None => map.serialize_entry("reason", &error.status().as_str())?,
///         }
///         map.end()
///     }
/// }
///
/// #[derive(Debug, errwire::ApiError)]
/// #[api(envelope = Legacy)]
/// #[api(status = 404, code = "gone_fishing")]
/// struct Away;
///
/// assert_eq!(Away.to_response().body(), br#"{"ok":false,"reason":"gone_fishing"}"#);
/// assert_eq!(Legacy::response(&Away, &RenderContext::new()).status(), 404);
/// ```
pub trait Envelope: Sized + 'static {
    /// The `Content-Type` of the body, e.g. `application/problem+json`.
    const CONTENT_TYPE: &'static str;

    /// The body of the 500 sent when an error's body cannot be serialized, rendered in advance.
    const FAILSAFE_BODY: &'static str;

    /// The template the envelope was declared with, as data, for its JSON Schema; `None` for an
    /// envelope implemented by hand, whose schema is then any object.
    const TEMPLATE: Option<&'static Node> = None;

    /// Whether every error in this envelope has a code: a template that writes `code` without a
    /// presence rule says so, and the derive then refuses a variant without a code. A
    /// hand-written error without one gets `null` there.
    const REQUIRES_CODE: bool = false;

    /// This envelope as a value, for [`ApiError::envelope`]: `Flat::DYN`.
    const DYN: &'static dyn DynEnvelope = &Erased::<Self>(PhantomData);

    /// Writes the body of `error`.
    fn serialize_error<E, S>(
        error: &E,
        cx: &RenderContext<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError,
        S: Serializer;

    /// Serializes the body of `error` in this envelope into `out`, appending to what is there.
    fn write_body<E: ApiError>(
        error: &E,
        cx: &RenderContext<'_>,
        out: &mut Vec<u8>,
    ) -> serde_json::Result<()> {
        Self::serialize_error(error, cx, &mut serde_json::Serializer::new(out))
    }

    /// The response of `error` in this envelope: its status, its headers, the `Content-Type`,
    /// `X-Request-Id` when `cx` has a request id, and the body.
    ///
    /// If the body cannot be serialized (a detail whose `Serialize` fails), the response is a 500
    /// with [`FAILSAFE_BODY`](Self::FAILSAFE_BODY) and none of the error's own headers.
    ///
    /// Not meant to be overridden: the axum and actix-web responses are built by the same code
    /// without calling it. The body is the envelope's to shape, in
    /// [`serialize_error`](Self::serialize_error).
    fn response<E: ApiError>(error: &E, cx: &RenderContext<'_>) -> Response<Vec<u8>> {
        response::build::<Self, E, _>(error, cx)
    }
}

/// An [`Envelope`] as a value, so that a `Box<dyn ApiError>` renders in its own type's envelope:
/// what [`ApiError::envelope`] returns. Every envelope has one, [`Envelope::DYN`].
pub trait DynEnvelope: Sync {
    /// The envelope's [`Envelope::CONTENT_TYPE`].
    fn content_type(&self) -> &'static str;

    /// The envelope's [`Envelope::FAILSAFE_BODY`].
    fn failsafe_body(&self) -> &'static str;

    /// The envelope's [`Envelope::TEMPLATE`].
    fn template(&self) -> Option<&'static Node>;

    /// [`Envelope::write_body`] of this envelope.
    fn write_body(
        &self,
        error: &dyn ApiError,
        cx: &RenderContext<'_>,
        out: &mut Vec<u8>,
    ) -> serde_json::Result<()>;

    /// [`Envelope::response`] of this envelope.
    fn response(&self, error: &dyn ApiError, cx: &RenderContext<'_>) -> Response<Vec<u8>>;
}

/// The envelope `Env` behind a `dyn DynEnvelope`; never instantiated but as [`Envelope::DYN`].
struct Erased<Env>(PhantomData<fn() -> Env>);

impl<Env: Envelope> DynEnvelope for Erased<Env> {
    fn content_type(&self) -> &'static str {
        Env::CONTENT_TYPE
    }

    fn failsafe_body(&self) -> &'static str {
        Env::FAILSAFE_BODY
    }

    fn template(&self) -> Option<&'static Node> {
        Env::TEMPLATE
    }

    fn write_body(
        &self,
        error: &dyn ApiError,
        cx: &RenderContext<'_>,
        out: &mut Vec<u8>,
    ) -> serde_json::Result<()> {
        Env::write_body(&error, cx, out)
    }

    fn response(&self, error: &dyn ApiError, cx: &RenderContext<'_>) -> Response<Vec<u8>> {
        Env::response(&error, cx)
    }
}
