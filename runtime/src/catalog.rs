//! The static catalog of an error type: one entry per variant, the facts its documentation shows.

use http::StatusCode;

use crate::code::Code;

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

impl CatalogEntry {
    /// The entry of a variant with this status and nothing else yet; the `with_*` methods add the
    /// rest. All of them are `const`, for a catalog written by hand:
    ///
    /// ```
    /// use errwire::{CatalogEntry, Code, http::StatusCode};
    ///
    /// const CATALOG: &[CatalogEntry] = &[CatalogEntry::new("NotFound", StatusCode::NOT_FOUND)
    ///     .with_code(Code::Str("not_found"))
    ///     .with_message("Room {room_id} not found")
    ///     .with_details(&["room_id"])];
    /// assert_eq!(CATALOG[0].status, Some(StatusCode::NOT_FOUND));
    /// ```
    pub const fn new(name: &'static str, status: StatusCode) -> Self {
        CatalogEntry {
            name,
            status: Some(status),
            code: None,
            title: None,
            message: "",
            description: "",
            headers: &[],
            details: &[],
            forwards_to: None,
        }
    }

    /// The entry of a `transparent` variant, whose entries are those of `forwards_to`.
    pub const fn transparent(
        name: &'static str,
        forwards_to: fn() -> &'static [CatalogEntry],
    ) -> Self {
        CatalogEntry {
            status: None,
            forwards_to: Some(forwards_to),
            ..CatalogEntry::new(name, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }

    /// Sets the machine code.
    pub const fn with_code(self, code: Code) -> Self {
        CatalogEntry {
            code: Some(code),
            ..self
        }
    }

    /// Sets the title.
    pub const fn with_title(self, title: &'static str) -> Self {
        CatalogEntry {
            title: Some(title),
            ..self
        }
    }

    /// Sets the message template.
    pub const fn with_message(self, message: &'static str) -> Self {
        CatalogEntry { message, ..self }
    }

    /// Sets the description.
    pub const fn with_description(self, description: &'static str) -> Self {
        CatalogEntry {
            description,
            ..self
        }
    }

    /// Sets the names of the headers the variant sends.
    pub const fn with_headers(self, headers: &'static [&'static str]) -> Self {
        CatalogEntry { headers, ..self }
    }

    /// Sets the wire names of the detail entries.
    pub const fn with_details(self, details: &'static [&'static str]) -> Self {
        CatalogEntry { details, ..self }
    }
}
