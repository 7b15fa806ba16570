//! The error documentation page of one or several error types, with the `docs` feature:
//! Markdown, a standalone HTML page, and JSON (also the lock file of [`compat`](crate::compat)).
//!
//! ```
//! #[derive(Debug, errwire::ApiError)]
//! #[api(envelope = errwire::Flat, rename_all = "snake_case", type_base = "https://api.example.com/errors#")]
//! enum RoomError {
//!     /// No room has this id.
//!     ///
//!     /// # Solutions
//!     /// Check the id's spelling; rooms of another organization are not found either.
//!     #[api(status = 404, message = "Room {room_id} not found")]
//!     RoomNotFound {
//!         /// The id in the request's path.
//!         #[api(detail, example = "math-101")]
//!         room_id: String,
//!     },
//! }
//!
//! let page = errwire::docs::Page::new("Errors").error_type::<RoomError>();
//! let markdown = page.markdown();
//! assert!(markdown.contains("| [`room_not_found`](#room_not_found) | 404 Not Found |"));
//! assert!(markdown.contains(r#""message": "Room math-101 not found""#));
//! assert!(page.html().contains(r#"<section class="error" id="room_not_found">"#));
//! // In a test, keep a checked-in page fresh (`ERRWIRE=overwrite` rewrites it):
//! // errwire::docs::assert_fresh("docs/errors.md", &page.markdown());
//! ```
//!
//! For each error the page shows its status and reason phrase, its code, title, the message
//! template with its placeholders, the variant's doc comment (Markdown; its headings, such as
//! `# Causes` and `# Solutions`, become sections of the entry), the details (wire name, JSON type,
//! the field's doc comment), the headers, its [retry class](crate::catalog::Retry) in words
//! (`throttle`: after `Retry-After` when it is sent; `transient`: with backoff; `never`), and an
//! example body written by the type's own
//! envelope. Examples come from `#[api(example = ...)]` on the fields, else from a default per
//! JSON type: `"string"`, `0`, `0.5`, `false`, `[]`, `{}`, `null`. A 5xx example shows what clients
//! get: its fixed message, and no field unless the variant says `expose`.
//!
//! Each entry's anchor is its code, so a `type_base` that ends with the page's address and `#`
//! makes the RFC 9457 `type` URI of every problem body open its documentation.
//!
//! The page is safe to publish whatever the doc comments hold: text is escaped for HTML and for
//! Markdown, raw HTML in a description is shown as text, and a link or image goes only to an
//! http, https or mailto URL, a relative path or an anchor (any other, `javascript:` among them,
//! is shown as text). An entry a client cannot read back into its variant says why
//! ([`assert_typed`] fails a test on it).

mod file;
mod html;
mod markdown;
pub(crate) mod model;
mod safe;

use std::path::Path;

use crate::api_error::ApiError;
use crate::catalog::Catalog;

/// A documentation page: a title, an introduction, and the error types it documents.
#[derive(Clone, Debug)]
pub struct Page {
    title: String,
    intro: String,
    catalogs: Vec<&'static Catalog>,
    language: Option<String>,
}

impl Page {
    /// An empty page titled `title`.
    pub fn new(title: impl Into<String>) -> Self {
        Page {
            title: title.into(),
            intro: String::new(),
            catalogs: Vec::new(),
            language: None,
        }
    }

    /// Sets the introduction, Markdown, shown under the title.
    #[must_use]
    pub fn intro(mut self, markdown: impl Into<String>) -> Self {
        self.intro = markdown.into();
        self
    }

    /// Adds the errors of `E`, in declaration order; a `transparent` variant's are those of the
    /// error it forwards to.
    #[must_use]
    pub fn error_type<E: ApiError>(self) -> Self {
        self.catalog(E::catalog())
    }

    /// Adds the errors of a catalog.
    #[must_use]
    pub fn catalog(mut self, catalog: &'static Catalog) -> Self {
        self.catalogs.push(catalog);
        self
    }

    /// The page in `locale`: the Markdown and HTML pages show each message, and write each
    /// example body, in that language where the error's type has it (else in its default), and
    /// the HTML page is marked with it. The JSON page, which has every translation, stays one.
    #[must_use]
    pub fn in_locale(mut self, locale: impl Into<String>) -> Self {
        self.language = Some(locale.into());
        self
    }

    pub(crate) fn document(&self) -> model::Document {
        model::document(&self.title, &self.catalogs, None)
    }

    fn shown(&self) -> model::Document {
        model::document(&self.title, &self.catalogs, self.language.as_deref())
    }

    /// The page as Markdown.
    pub fn markdown(&self) -> String {
        markdown::render(&self.shown(), &self.intro)
    }

    /// The page as one HTML document with its own stylesheet, no script, readable on a phone and
    /// printable. When its types' messages are translated, it links the page in each of their
    /// locales (`?lang=fr`): a language switch that needs no script, for a server that serves
    /// [`in_locale`](Self::in_locale) pages there, as the example server does.
    pub fn html(&self) -> String {
        html::render(&self.shown(), &self.intro)
    }

    /// The page as JSON: `{"format": "errwire-errors", "version": 1, "title": ..., "types": [...]}`,
    /// each type with its content type, envelope, `type_base`, retired codes and errors, each
    /// error with every fact the other formats show. [`compat`](crate::compat) reads it back.
    pub fn json(&self) -> String {
        let mut json = serde_json::to_string_pretty(&self.document())
            .expect("a document of strings and numbers serializes");
        json.push('\n');
        json
    }
}

/// The environment variable that, set to `overwrite`, makes [`assert_fresh`] and
/// [`compat::assert_compatible`](crate::compat::assert_compatible) rewrite their files.
pub const OVERWRITE_VAR: &str = "ERRWIRE";

pub(crate) fn overwrite() -> bool {
    std::env::var(OVERWRITE_VAR).is_ok_and(|value| value == "overwrite")
}

/// Asserts that the file at `path` holds `rendered`, for a test that keeps a checked-in page
/// fresh; with `ERRWIRE=overwrite` in the environment, writes it instead.
///
/// The file is replaced whole or not at all (a temporary file in the same folder is renamed over
/// it), and only when errwire wrote it: a Markdown or HTML page carries a marker line near its
/// top, the JSON page names its format. A symbolic link is not followed.
///
/// # Panics
///
/// When the file differs from `rendered` (with a unified diff), is missing or cannot be read
/// (the error and the path); with `ERRWIRE=overwrite`, when it cannot be written or was not
/// written by errwire.
#[track_caller]
pub fn assert_fresh(path: impl AsRef<Path>, rendered: &str) {
    let path = path.as_ref();
    if overwrite() {
        file::replace(path, rendered).unwrap_or_else(|error| panic!("{error}"));
        return;
    }
    let checked_in = read_checked_in(path);
    if checked_in != rendered {
        let diff = similar::TextDiff::from_lines(&checked_in, rendered)
            .unified_diff()
            .context_radius(2)
            .header(&path.display().to_string(), "rendered")
            .to_string();
        panic!(
            "{} is not the page the code renders; run the test with {OVERWRITE_VAR}=overwrite to \
             rewrite it, after reading the difference:\n{diff}",
            path.display()
        );
    }
}

/// Asserts that a client reads every error of `page` back into its variant, as
/// `client::FromResponse` does with the `client` feature, but those `expected` names (variants,
/// as `"Internal"`, or `"Type::Variant"`); else fails naming each variant that comes back as a
/// generic error only, and why (a detail whose type is not `serde::Deserialize`, a header field
/// that is not `FromStr`, a field off the wire without `Default`, a message template it cannot
/// read back, ...), and each expected one that does come back typed.
///
/// ```
/// #[derive(Debug, thiserror::Error, errwire::ApiError)]
/// enum RoomError {
///     #[error("room {room_id} not found")]
///     #[api(status = 404, code = "room_not_found", message = "Room {room_id} not found")]
///     RoomNotFound { room_id: String },
///     /// Its source is never sent, so a client cannot rebuild it.
///     #[error("storage failed")]
///     #[api(status = 500, code = "internal")]
///     Internal(#[source] std::io::Error),
/// }
///
/// let page = errwire::docs::Page::new("Errors").error_type::<RoomError>();
/// errwire::docs::assert_typed(&page, &["Internal"]);
/// ```
///
/// # Panics
///
/// When an error of the page that `expected` does not name cannot be read back typed, or one it
/// names can.
#[track_caller]
pub fn assert_typed(page: &Page, expected: &[&str]) {
    let document = page.document();
    let mut wrong = Vec::new();
    for doc in &document.types {
        for error in &doc.errors {
            let path = format!("{}::{}", doc.name, error.name);
            let named =
                expected.contains(&error.name.as_str()) || expected.contains(&path.as_str());
            match (&error.untyped, named) {
                (Some(why), false) => wrong.push(format!("- {path} comes back generic: {why}")),
                (None, true) => wrong.push(format!("- {path} comes back typed, but is listed")),
                _ => {}
            }
        }
    }
    if !wrong.is_empty() {
        panic!(
            "a client reads errors back otherwise than this test expects (a `match` arm for an \
             error that comes back generic never matches):\n{}",
            wrong.join("\n")
        );
    }
}

/// The text of a checked-in file, or a panic that says what is wrong with it.
#[track_caller]
pub(crate) fn read_checked_in(path: &Path) -> String {
    match file::read(path) {
        Ok(Some(text)) => text,
        Ok(None) => panic!(
            "{} does not exist; run the test with {OVERWRITE_VAR}=overwrite to write it",
            path.display()
        ),
        Err(error) => panic!("{error}"),
    }
}

/// Markdown with its headings moved `by` levels down, so that a description's `# Causes`
/// becomes a section of its entry; fenced code is left alone.
pub(crate) fn demote_headings(markdown: &str, by: usize) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        if !fenced && trimmed.starts_with('#') {
            out.push_str(&"#".repeat(by));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
