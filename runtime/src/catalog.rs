//! The static catalog of an error type: one entry per variant, the facts its documentation shows.

use http::StatusCode;

use crate::Code;

/// What the documentation of one error says: everything but the values of a particular occurrence.
///
/// [`ApiError::catalog`](crate::ApiError::catalog) lists one entry per variant, in declaration
/// order, built at compile time.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct CatalogEntry {
    /// The variant's name in the source, e.g. `"RateLimited"`.
    pub name: &'static str,
    /// The HTTP status; `None` for a `transparent` variant, whose entries are in
    /// [`forwards_to`](Self::forwards_to).
    pub status: Option<StatusCode>,
    /// The machine code, if the variant has one.
    pub code: Option<Code>,
    /// The title, if the variant declares one.
    pub title: Option<&'static str>,
    /// The message template as written, placeholders and all: `"Retry after {retry_after} seconds."`.
    pub message: &'static str,
    /// The variant's doc comment.
    pub description: &'static str,
    /// The names of the headers the variant sets, static or from its fields.
    pub headers: &'static [&'static str],
    /// The wire names of the variant's detail entries.
    pub details: &'static [&'static str],
    /// For a `transparent` variant: the catalog of the error it forwards to.
    pub forwards_to: Option<fn() -> &'static [CatalogEntry]>,
}
