//! Envelopes: the JSON shape an API gives its error bodies, and where each fact goes in it.

mod problem;

pub use problem::Problem;

use serde::Serializer;

use crate::{ApiError, RenderContext};

/// The shape of an API's error body.
///
/// An envelope reads the facts of an error (status, code, message, title, details) and the
/// per-request values of a [`RenderContext`], and writes them into a serializer in the shape the
/// API documents. Choose one per error type with `#[api(envelope = Path)]`; the default is
/// [`Problem`].
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
