//! Envelopes: the JSON shape an API gives its error bodies, and where each fact goes in it.

mod builtin;
mod declare;
pub mod template;

pub use builtin::{Flat, JsonApi, Nested, Problem};

use serde::Serializer;

use crate::{ApiError, RenderContext};

/// The shape of an API's error body.
///
/// An envelope reads the facts of an error (status, code, message, title, details) and the
/// per-request values of a [`RenderContext`], and writes them into a serializer in the shape the
/// API documents. Choose one per error type with `#[api(envelope = Path)]`; the default is
/// [`Problem`].
///
/// Declare one with [`envelope!`](crate::envelope!), which checks the template when it compiles
/// and renders the fallback body from it. Implement the trait by hand for a shape a template
/// cannot state; [`FALLBACK_BODY`](Envelope::FALLBACK_BODY) must then be written by hand too:
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
///     const FALLBACK_BODY: &'static str = r#"{"ok":false,"reason":"500"}"#;
///
///     fn serialize_error<E, S>(error: &E, _: &RenderContext<'_>, serializer: S) -> Result<S::Ok, S::Error>
///     where
///         E: ApiError + ?Sized,
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
/// #[derive(Debug, ApiError)]
/// #[api(envelope = Legacy)]
/// #[api(status = 404, code = "gone_fishing")]
/// struct Away;
///
/// assert_eq!(Away.to_response().body(), br#"{"ok":false,"reason":"gone_fishing"}"#);
/// ```
pub trait Envelope {
    /// The `Content-Type` of the body, e.g. `application/problem+json`.
    const CONTENT_TYPE: &'static str;

    /// The body of the 500 sent when an error's body cannot be serialized, rendered in advance.
    const FALLBACK_BODY: &'static str;

    /// Writes the body of `error`.
    fn serialize_error<E, S>(
        error: &E,
        cx: &RenderContext<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer;
}
