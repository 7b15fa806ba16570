//! The page's content, computed once from the catalogs: every error (a `transparent` variant's
//! expanded into those it forwards to), its anchor, retry advice and example body. It is also
//! the JSON page, the format `compat` reads back as a lock file.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::catalog::{Catalog, CatalogEntry, HeaderKind, Listed};
use crate::code::Code;
use crate::envelope::DynEnvelope;
use crate::example::{Example, example_of};
use crate::grpc::GrpcCode;

/// The name of the JSON page's format, and its version.
pub const FORMAT: &str = "errwire-errors";
pub const VERSION: u32 = 1;

/// The JSON page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub title: String,
    /// The locale the page's messages are in, when it was asked for one; the JSON page, which
    /// has every translation, never is.
    #[serde(skip)]
    pub language: Option<String>,
    pub types: Vec<TypeDoc>,
}

/// One error type.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TypeDoc {
    pub name: String,
    pub description: String,
    pub content_type: Option<String>,
    /// The envelope's failsafe body: what its template looks like for a 500.
    pub envelope: Option<String>,
    pub type_base: Option<String>,
    pub retired: Vec<CodeDoc>,
    /// The locales of the messages, the default first; none for a type in one language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locales: Vec<String>,
    /// The gRPC domain of the type's errors, `#[api(domain = "...")]`; none for a type that is
    /// not a gRPC error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    pub errors: Vec<ErrorDoc>,
}

/// What an error is over gRPC: its status code and its `ErrorInfo` reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrpcDoc {
    pub code: GrpcCode,
    pub reason: String,
}

/// A code as JSON writes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CodeDoc {
    Int(i64),
    Str(String),
}

impl From<Code> for CodeDoc {
    fn from(code: Code) -> Self {
        match code {
            Code::Str(code) => CodeDoc::Str(code.to_owned()),
            Code::Int(code) => CodeDoc::Int(code),
        }
    }
}

impl std::fmt::Display for CodeDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeDoc::Int(code) => write!(f, "{code}"),
            CodeDoc::Str(code) => f.write_str(code),
        }
    }
}

/// One error.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorDoc {
    /// The section's id: the code, unless another error of the page has it.
    pub anchor: String,
    /// The variant's name.
    pub name: String,
    /// The `transparent` variant of the type the error is forwarded through, if any.
    pub forwarded_by: Option<String>,
    pub status: u16,
    pub code: Option<CodeDoc>,
    pub title: Option<String>,
    /// The message template, each placeholder `{name}` without a format spec; empty when the
    /// reason phrase is sent.
    pub message: String,
    /// The message template in each of the type's other locales, by locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, String>,
    pub description: String,
    pub deprecated: Option<String>,
    pub retry: crate::catalog::Retry,
    /// Its gRPC code and reason, in a type with a domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<GrpcDoc>,
    /// The RFC 9457 `type` URI: `type_base` and the code.
    pub type_uri: Option<String>,
    pub headers: Vec<HeaderDoc>,
    pub details: Vec<DetailDoc>,
    /// Why a client cannot read this error back into its variant, which it then gets as a
    /// generic error only; absent when it can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub untyped: Option<String>,
    /// The body the type's envelope writes for this error with the fields' examples.
    pub example: Option<Box<RawValue>>,
    #[serde(skip)]
    pub example_pretty: Option<String>,
}

impl ErrorDoc {
    /// What a client does after this error: its retry class, in words.
    pub fn retry_advice(&self) -> String {
        use crate::catalog::Retry;
        let retry_after = self
            .headers
            .iter()
            .any(|header| header.name.eq_ignore_ascii_case("retry-after"));
        let advice = match self.retry {
            Retry::Throttle if retry_after => "retry after the delay `Retry-After` gives.",
            Retry::Throttle => "retry with exponential backoff.",
            Retry::Transient => {
                "retry with exponential backoff and jitter, if the request is idempotent."
            }
            Retry::Never => "do not retry; the request must change first.",
        };
        format!("`{}`: {advice}", self.retry)
    }

    /// What names the error: its code, else its variant's name.
    pub fn label(&self) -> String {
        self.code
            .as_ref()
            .map_or_else(|| self.name.clone(), ToString::to_string)
    }

    /// The message template, or the reason phrase it defaults to.
    pub fn shown_message(&self) -> String {
        match self.message.as_str() {
            "" => reason(self.status).unwrap_or_default().to_owned(),
            message => message.to_owned(),
        }
    }
}

/// What the page says of an error the client cannot read back typed.
pub fn untyped_advice(why: &str) -> String {
    format!("read back as a generic error, not this variant: {why}")
}

/// The reason phrase of a status, `None` for an unregistered one.
pub fn reason(status: u16) -> Option<&'static str> {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
}

/// `404 Not Found`, or the number alone for an unregistered status.
pub fn status_line(status: u16) -> String {
    match reason(status) {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// A header an error sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderDoc {
    pub name: String,
    /// `delay-seconds`, `HTTP-date`, `text`, or the fixed value.
    pub value: String,
}

/// A detail of an error's body.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DetailDoc {
    /// The wire name; `*` for the whole details object.
    pub name: String,
    #[serde(rename = "type")]
    pub json_type: String,
    pub nullable: bool,
    pub description: String,
    pub example: Box<RawValue>,
}

/// The page of `catalogs`, its messages and examples in `language` where a type has it.
pub fn document(title: &str, catalogs: &[&'static Catalog], language: Option<&str>) -> Document {
    let mut anchors = HashSet::new();
    let mut seen = HashSet::new();
    let types = catalogs
        .iter()
        .map(|catalog| {
            let mut from = Source {
                envelope: catalog.envelope,
                anchors: &mut anchors,
                language,
            };
            let errors = catalog
                .errors()
                .into_iter()
                .filter(|listed| seen.insert((listed.declared_in.name, listed.entry.name)))
                .map(|listed| from.error(listed))
                .collect();
            TypeDoc {
                name: catalog.name.to_owned(),
                description: catalog.description.to_owned(),
                content_type: catalog
                    .envelope
                    .map(|envelope| envelope.content_type().to_owned()),
                envelope: catalog
                    .envelope
                    .map(|envelope| envelope.failsafe_body().to_owned()),
                type_base: catalog.type_base.map(str::to_owned),
                retired: catalog.retired.iter().copied().map(CodeDoc::from).collect(),
                locales: match catalog.locales.len() {
                    0 | 1 => Vec::new(),
                    _ => catalog
                        .locales
                        .iter()
                        .map(|locale| (*locale).to_owned())
                        .collect(),
                },
                domain: catalog.domain.map(str::to_owned),
                errors,
            }
        })
        .collect();
    Document {
        format: FORMAT.to_owned(),
        version: VERSION,
        title: title.to_owned(),
        language: language.map(str::to_owned),
        types,
    }
}

/// What the errors of one type share while they are listed.
struct Source<'s> {
    /// The envelope of the type listed: a forwarded error's body is in it, not its own.
    envelope: Option<&'static dyn DynEnvelope>,
    anchors: &'s mut HashSet<String>,
    /// The locale to show messages in, where the declaring type has it.
    language: Option<&'s str>,
}

impl Source<'_> {
    fn error(&mut self, listed: Listed) -> ErrorDoc {
        let Listed {
            entry,
            declared_in: catalog,
            forwarded_by,
        } = listed;
        let status = entry.status.map_or(500, |status| status.as_u16());
        let code = entry.code.map(CodeDoc::from);
        let headers: Vec<HeaderDoc> = entry
            .headers
            .iter()
            .map(|header| HeaderDoc {
                name: header.name.to_owned(),
                value: match header.value {
                    HeaderKind::Fixed(value) => value.to_owned(),
                    HeaderKind::DelaySeconds => "delay-seconds".to_owned(),
                    HeaderKind::HttpDate => "HTTP-date".to_owned(),
                    HeaderKind::Text => "text".to_owned(),
                },
            })
            .collect();
        let details = entry
            .fields
            .iter()
            .filter(|field| field.detail.is_some() || field.details)
            .map(|field| DetailDoc {
                name: field.detail.unwrap_or("*").to_owned(),
                json_type: field.json_type.schema_name().unwrap_or("any").to_owned(),
                nullable: field.nullable,
                description: field.description.to_owned(),
                example: example_of(field),
            })
            .collect();
        // The message in the page's language, where the declaring type has it.
        let message = match self.language {
            Some(language) => catalog.message_in(entry, language),
            None => entry.message,
        };
        let bodies = self
            .envelope
            .and_then(|envelope| Example::new(entry, catalog.type_base, envelope))
            .map(|example| example.with_message(message))
            .and_then(|example| example.bodies());
        let (example, example_pretty) = bodies.unzip();
        ErrorDoc {
            anchor: self.anchor(catalog, entry),
            name: entry.name.to_owned(),
            forwarded_by: forwarded_by.map(str::to_owned),
            status,
            type_uri: catalog
                .type_base
                .zip(code.as_ref())
                .map(|(base, code)| format!("{base}{code}")),
            code,
            title: entry.title.map(str::to_owned),
            message: crate::message::reader_template(message),
            translations: catalog
                .locales
                .iter()
                .skip(1)
                .zip(entry.translations)
                .filter(|(_, translation)| !translation.message.is_empty())
                .map(|(locale, translation)| {
                    let template = crate::message::reader_template(translation.message);
                    ((*locale).to_owned(), template)
                })
                .collect(),
            description: entry.description.to_owned(),
            deprecated: entry.deprecated.map(str::to_owned),
            retry: entry.retry,
            grpc: entry.grpc.map(|grpc| GrpcDoc {
                code: grpc.code,
                reason: grpc.reason.to_owned(),
            }),
            untyped: catalog
                .entries
                .iter()
                .position(|listed| std::ptr::eq(listed, entry))
                .and_then(|index| catalog.untyped(index))
                .map(str::to_owned),
            headers,
            details,
            example,
            example_pretty,
        }
    }

    /// The code, so that `type_base` + code opens the entry; the variant's name without one; the
    /// type's name before either when another error of the page has it already.
    fn anchor(&mut self, catalog: &Catalog, entry: &CatalogEntry) -> String {
        let base = match entry.code {
            Some(code) => code.to_string(),
            None => entry.name.to_ascii_lowercase(),
        };
        let anchor = if self.anchors.contains(&base) {
            format!("{}-{base}", catalog.name.to_ascii_lowercase())
        } else {
            base
        };
        self.anchors.insert(anchor.clone());
        anchor
    }
}
