//! The compatibility gate, with the `docs` feature: the JSON page of [`docs`](crate::docs)
//! doubles as a lock file a project checks in, and a test compares the code's errors with it.
//!
//! ```no_run
//! # #[derive(Debug, errwire::ApiError)]
//! # #[api(status = 404, code = "not_found")]
//! # struct RoomError;
//! #[test]
//! fn errors_stay_compatible() {
//!     let page = errwire::docs::Page::new("Errors").error_type::<RoomError>();
//!     errwire::compat::assert_compatible("errors.lock.json", &page);
//! }
//! ```
//!
//! Each change has a stable rule id, the path of what changed, and its impact:
//!
//! | rule | impact |
//! |---|---|
//! | `code-removed` (unless the type lists it in `#[api(retired = [...])]`), `retired-code-used`, `status-changed`, `status-class-changed` (beside `status-changed`, when 4xx becomes 5xx or back), `uncoded-status-changed` (a variant without a code, matched by name), `error-removed` (likewise), `detail-removed` (a rename is a removal and an addition), `detail-retyped`, `header-removed`, `envelope-changed`, `content-type-changed`, `type-removed`, `locale-removed` (clients asking for it get the default language), `grpc-code-changed`, `grpc-reason-changed`, `grpc-removed`, `domain-changed` (gRPC clients tell errors apart by domain and reason) | breaking |
//! | `code-added`, `error-added`, `detail-added`, `header-added`, `type-added`, `locale-added`, `grpc-added` | non-breaking |
//! | `message-changed`, `title-changed`, `description-changed`, `retry-changed` (the retry class: clients built from the old page retry as it said), `translation-changed`, `translation-removed` (the message falls back to the default language) | metadata |

use std::fmt;
use std::path::Path;

use crate::docs::model::{CodeDoc, Document, ErrorDoc, FORMAT, TypeDoc, VERSION};
use crate::docs::{OVERWRITE_VAR, Page, overwrite};

/// How a change affects clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// A client written against the lock may now misread a response.
    Breaking,
    /// Something new that a client may ignore.
    NonBreaking,
    /// Text for people: messages, titles, descriptions.
    Metadata,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Breaking => "breaking",
            Impact::NonBreaking => "non-breaking",
            Impact::Metadata => "metadata",
        })
    }
}

/// One difference between the lock and the code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The rule's stable id, such as `status-changed`.
    pub rule: &'static str,
    /// How it affects clients.
    pub impact: Impact,
    /// What changed: `Type/code/details/name`.
    pub path: String,
    /// What it was and what it is.
    pub message: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<12} {:<22} {}: {}",
            self.impact, self.rule, self.path, self.message
        )
    }
}

/// Why a lock file's text cannot be compared with the code.
#[derive(Debug)]
#[non_exhaustive]
pub enum LockError {
    /// The text is not JSON, or not a JSON page of errwire's format.
    Json(serde_json::Error),
    /// A JSON document of another format, named by its `format` member (`None` without one).
    Format(Option<String>),
    /// A JSON page of a version this errwire does not read.
    Version(u64),
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Json(error) => write!(f, "not a JSON page of format `{FORMAT}`: {error}"),
            LockError::Format(Some(found)) => write!(
                f,
                "a document of format `{found}`, where a lock of format `{FORMAT}` was expected"
            ),
            LockError::Format(None) => write!(
                f,
                "a JSON document without a `format` member, where a lock of format `{FORMAT}` \
                 was expected"
            ),
            LockError::Version(found) => write!(
                f,
                "a lock of version {found}, where this errwire reads version {VERSION} of \
                 `{FORMAT}`; regenerate it with the errwire that wrote it, or with \
                 {OVERWRITE_VAR}=overwrite"
            ),
        }
    }
}

impl std::error::Error for LockError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LockError::Json(error) => Some(error),
            _ => None,
        }
    }
}

/// The lock's text as a page, once its format and version are the ones this errwire reads.
fn read_lock(lock: &str) -> Result<Document, LockError> {
    use serde_json::Value;
    let header: serde_json::Map<String, Value> =
        serde_json::from_str(lock).map_err(LockError::Json)?;
    match header.get("format") {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(Value::String(format)) => return Err(LockError::Format(Some(format.clone()))),
        Some(other) => return Err(LockError::Format(Some(other.to_string()))),
        None => return Err(LockError::Format(None)),
    }
    match header.get("version").and_then(Value::as_u64) {
        Some(version) if version == u64::from(VERSION) => {}
        Some(version) => return Err(LockError::Version(version)),
        None => {
            let error = serde::de::Error::custom("the `version` member is missing or not a number");
            return Err(LockError::Json(error));
        }
    }
    serde_json::from_value(Value::Object(header)).map_err(LockError::Json)
}

/// Every change from the lock file's text `lock` (a JSON page) to the errors of `page`, breaking
/// ones first.
///
/// # Errors
///
/// When `lock` is not a JSON page, or one of another format or version.
pub fn changes(lock: &str, page: &Page) -> Result<Vec<Change>, LockError> {
    let old = read_lock(lock)?;
    let new = page.document();
    let mut found = Findings(Vec::new());
    for old_type in &old.types {
        match new
            .types
            .iter()
            .find(|new_type| new_type.name == old_type.name)
        {
            Some(new_type) => found.compare_types(old_type, new_type),
            None => found.push(
                "type-removed",
                Impact::Breaking,
                &old_type.name,
                "the type is no longer on the page".to_owned(),
            ),
        }
    }
    for new_type in &new.types {
        if !old
            .types
            .iter()
            .any(|old_type| old_type.name == new_type.name)
        {
            found.push(
                "type-added",
                Impact::NonBreaking,
                &new_type.name,
                format!("{} errors", new_type.errors.len()),
            );
        }
    }
    let mut changes = found.0;
    changes.sort_by_key(|change| change.impact);
    Ok(changes)
}

/// Asserts that the errors of `page` break nothing the lock file at `path` promises; with
/// `ERRWIRE=overwrite` in the environment, writes the lock instead (after a breaking change made
/// on purpose, or to record new errors).
///
/// # Panics
///
/// When a change is breaking (listing every change), or the lock file is missing or unreadable.
#[track_caller]
pub fn assert_compatible(path: impl AsRef<Path>, page: &Page) {
    let path = path.as_ref();
    if overwrite() {
        crate::docs::assert_fresh(path, &page.json());
        return;
    }
    let lock = crate::docs::read_checked_in(path);
    let changes =
        changes(&lock, page).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    if changes
        .iter()
        .any(|change| change.impact == Impact::Breaking)
    {
        let report: Vec<String> = changes.iter().map(ToString::to_string).collect();
        panic!(
            "the errors changed in a way that breaks clients written against {}:\n{}\n\
             If that is on purpose, run the test with {OVERWRITE_VAR}=overwrite to rewrite the lock.",
            path.display(),
            report.join("\n")
        );
    }
}

struct Findings(Vec<Change>);

impl Findings {
    fn push(&mut self, rule: &'static str, impact: Impact, path: &str, message: String) {
        self.0.push(Change {
            rule,
            impact,
            path: path.to_owned(),
            message,
        });
    }

    fn compare_types(&mut self, old: &TypeDoc, new: &TypeDoc) {
        let path = &old.name;
        if old.content_type != new.content_type {
            self.push(
                "content-type-changed",
                Impact::Breaking,
                path,
                format!("{:?} -> {:?}", old.content_type, new.content_type),
            );
        }
        if old.envelope != new.envelope {
            self.push(
                "envelope-changed",
                Impact::Breaking,
                path,
                format!(
                    "the body's shape changed: a 500 was {}, is {}",
                    old.envelope.as_deref().unwrap_or("unknown"),
                    new.envelope.as_deref().unwrap_or("unknown")
                ),
            );
        }
        if old.domain.is_some() && new.domain.is_some() && old.domain != new.domain {
            self.push(
                "domain-changed",
                Impact::Breaking,
                path,
                format!(
                    "gRPC domain {} -> {}",
                    old.domain.as_deref().unwrap_or_default(),
                    new.domain.as_deref().unwrap_or_default()
                ),
            );
        }
        // The locales after the default: those a request may ask for.
        for locale in old.locales.iter().skip(1) {
            if !new.locales.contains(locale) {
                self.push(
                    "locale-removed",
                    Impact::Breaking,
                    &format!("{path}/locales/{locale}"),
                    format!("messages are no longer sent in `{locale}`"),
                );
            }
        }
        for locale in new.locales.iter().skip(1) {
            if !old.locales.contains(locale) {
                self.push(
                    "locale-added",
                    Impact::NonBreaking,
                    &format!("{path}/locales/{locale}"),
                    format!("messages are sent in `{locale}` too"),
                );
            }
        }
        let retired: Vec<&CodeDoc> = old.retired.iter().chain(&new.retired).collect();
        for error in &new.errors {
            if let Some(code) = &error.code
                && old.retired.contains(code)
            {
                self.push(
                    "retired-code-used",
                    Impact::Breaking,
                    &format!("{path}/{code}"),
                    format!(
                        "code {code} was retired, and `{}` sends it again",
                        error.name
                    ),
                );
            }
        }
        for old_error in &old.errors {
            let path = format!("{path}/{}", old_error.label());
            match new.errors.iter().find(|new_error| same_error(old_error, new_error)) {
                Some(new_error) => self.compare_errors(&path, old_error, new_error),
                None => match &old_error.code {
                    Some(code) if retired.contains(&code) => {}
                    Some(code) => self.push(
                        "code-removed",
                        Impact::Breaking,
                        &path,
                        format!("code {code} is no longer sent; list it in `retired` if it is gone for good, and it still breaks clients"),
                    ),
                    None => self.push(
                        "error-removed",
                        Impact::Breaking,
                        &path,
                        format!("`{}` ({}) is gone", old_error.name, old_error.status),
                    ),
                },
            }
        }
        for new_error in &new.errors {
            if !old
                .errors
                .iter()
                .any(|old_error| same_error(old_error, new_error))
            {
                let (rule, what) = match &new_error.code {
                    Some(code) => ("code-added", format!("code {code}")),
                    None => ("error-added", format!("`{}`", new_error.name)),
                };
                self.push(
                    rule,
                    Impact::NonBreaking,
                    &format!("{path}/{}", new_error.label()),
                    format!("{what}, status {}", new_error.status),
                );
            }
        }
    }

    fn compare_errors(&mut self, path: &str, old: &ErrorDoc, new: &ErrorDoc) {
        if old.status != new.status {
            let rule = match old.code {
                Some(_) => "status-changed",
                None => "uncoded-status-changed",
            };
            self.push(
                rule,
                Impact::Breaking,
                path,
                format!("status {} -> {}", old.status, new.status),
            );
            if old.status / 100 != new.status / 100 {
                self.push(
                    "status-class-changed",
                    Impact::Breaking,
                    path,
                    format!(
                        "a {}xx is now a {}xx: clients retry one and not the other",
                        old.status / 100,
                        new.status / 100
                    ),
                );
            }
        }
        for detail in &old.details {
            match new
                .details
                .iter()
                .find(|new_detail| new_detail.name == detail.name)
            {
                None => self.push(
                    "detail-removed",
                    Impact::Breaking,
                    &format!("{path}/details/{}", detail.name),
                    "no longer in the body".to_owned(),
                ),
                Some(new_detail)
                    if new_detail.json_type != detail.json_type
                        || new_detail.nullable != detail.nullable =>
                {
                    self.push(
                        "detail-retyped",
                        Impact::Breaking,
                        &format!("{path}/details/{}", detail.name),
                        format!(
                            "{}{} -> {}{}",
                            detail.json_type,
                            if detail.nullable { " or null" } else { "" },
                            new_detail.json_type,
                            if new_detail.nullable { " or null" } else { "" }
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        for detail in &new.details {
            if !old
                .details
                .iter()
                .any(|old_detail| old_detail.name == detail.name)
            {
                self.push(
                    "detail-added",
                    Impact::NonBreaking,
                    &format!("{path}/details/{}", detail.name),
                    detail.json_type.clone(),
                );
            }
        }
        let has = |headers: &[crate::docs::model::HeaderDoc], name: &str| {
            headers
                .iter()
                .any(|header| header.name.eq_ignore_ascii_case(name))
        };
        for header in &old.headers {
            if !has(&new.headers, &header.name) {
                self.push(
                    "header-removed",
                    Impact::Breaking,
                    &format!("{path}/headers/{}", header.name),
                    "no longer sent".to_owned(),
                );
            }
        }
        for header in &new.headers {
            if !has(&old.headers, &header.name) {
                self.push(
                    "header-added",
                    Impact::NonBreaking,
                    &format!("{path}/headers/{}", header.name),
                    header.value.clone(),
                );
            }
        }
        let texts = [
            ("message-changed", &old.message, &new.message),
            ("description-changed", &old.description, &new.description),
        ];
        for (rule, old_text, new_text) in texts {
            if old_text != new_text {
                self.push(
                    rule,
                    Impact::Metadata,
                    path,
                    format!("{old_text:?} -> {new_text:?}"),
                );
            }
        }
        for (locale, old_text) in &old.translations {
            let at = format!("{path}/translations/{locale}");
            match new.translations.get(locale) {
                None => self.push(
                    "translation-removed",
                    Impact::Metadata,
                    &at,
                    format!("{old_text:?} is no longer sent; the default message is"),
                ),
                Some(new_text) if new_text != old_text => self.push(
                    "translation-changed",
                    Impact::Metadata,
                    &at,
                    format!("{old_text:?} -> {new_text:?}"),
                ),
                Some(_) => {}
            }
        }
        if old.title != new.title {
            self.push(
                "title-changed",
                Impact::Metadata,
                path,
                format!("{:?} -> {:?}", old.title, new.title),
            );
        }
        match (&old.grpc, &new.grpc) {
            (Some(old_grpc), Some(new_grpc)) => {
                if old_grpc.code != new_grpc.code {
                    self.push(
                        "grpc-code-changed",
                        Impact::Breaking,
                        path,
                        format!("gRPC code {} -> {}", old_grpc.code, new_grpc.code),
                    );
                }
                if old_grpc.reason != new_grpc.reason {
                    self.push(
                        "grpc-reason-changed",
                        Impact::Breaking,
                        path,
                        format!("gRPC reason {} -> {}", old_grpc.reason, new_grpc.reason),
                    );
                }
            }
            (Some(old_grpc), None) => self.push(
                "grpc-removed",
                Impact::Breaking,
                path,
                format!(
                    "no longer a gRPC error (was {} {})",
                    old_grpc.code, old_grpc.reason
                ),
            ),
            (None, Some(new_grpc)) => self.push(
                "grpc-added",
                Impact::NonBreaking,
                path,
                format!("a gRPC error: {} {}", new_grpc.code, new_grpc.reason),
            ),
            (None, None) => {}
        }
        if old.retry != new.retry {
            self.push(
                "retry-changed",
                Impact::Metadata,
                path,
                format!("{} -> {}", old.retry, new.retry),
            );
        }
    }
}

/// The same error on both sides: the same code, or, without codes, the same variant.
fn same_error(old: &ErrorDoc, new: &ErrorDoc) -> bool {
    match (&old.code, &new.code) {
        (Some(old_code), Some(new_code)) => old_code == new_code,
        (None, None) => old.name == new.name,
        _ => false,
    }
}
