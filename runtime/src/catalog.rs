//! The static catalog of an error type: the facts its documentation page, its compatibility lock
//! and its OpenAPI description show, one entry per variant, built at compile time.

use core::fmt;

use http::StatusCode;

use crate::code::Code;
use crate::envelope::DynEnvelope;
use crate::grpc::{Grpc, GrpcCode};

/// What the documentation of an error type says: its envelope, its errors, the codes it retired.
///
/// [`ApiError::catalog`](crate::ApiError::catalog) returns it; the derive builds it at compile
/// time from the attributes and doc comments.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct Catalog {
    /// The type's name in the source, e.g. `"RoomError"`.
    pub name: &'static str,
    /// The type's doc comment.
    pub description: &'static str,
    /// The envelope the type's bodies are in, named nowhere else: `None` (the empty catalog of a
    /// pointer to any error) renders in `Problem`.
    pub envelope: Option<&'static dyn DynEnvelope>,
    /// The prefix of the RFC 9457 `type` URI; the code follows it.
    pub type_base: Option<&'static str>,
    /// Codes the API no longer sends and must never send again: `#[api(retired = [...])]`.
    pub retired: &'static [Code],
    /// One entry per variant, in declaration order.
    pub entries: &'static [CatalogEntry],
    /// The locales of the messages, the default first (`["en", "fr"]`); empty for a type whose
    /// messages are in one language, which its responses then do not name.
    pub locales: &'static [&'static str],
    /// Why the client cannot read the entry at an index back into its variant (`None` when it
    /// can); `None` for a catalog that does not say. See [`Catalog::untyped`].
    pub untyped: Option<fn(usize) -> Option<&'static str>>,
    /// The index of the entry a body's string code names, when exactly one entry that is not
    /// `transparent` has that code (an integer code by its decimal text); `None` otherwise, and
    /// for a catalog that does not say, whose entries the client then scans. The derive writes it
    /// as a `match`, with the `client` feature.
    pub code_index: Option<fn(&str) -> Option<usize>>,
    /// The domain its errors name over gRPC (`ErrorInfo.domain`), `#[api(domain = "...")]`: a
    /// type with one is a gRPC error, each entry with its [`grpc`](CatalogEntry::grpc).
    pub domain: Option<&'static str>,
}

impl Catalog {
    /// The catalog of a type that has none.
    pub const EMPTY: Catalog = Catalog {
        name: "",
        description: "",
        envelope: None,
        type_base: None,
        retired: &[],
        entries: &[],
        locales: &[],
        untyped: None,
        code_index: None,
        domain: None,
    };

    /// The catalog of the type `name` in `envelope`; the `with_*` methods add the rest, all
    /// `const`, for a catalog written by hand.
    pub const fn new(name: &'static str, envelope: &'static dyn DynEnvelope) -> Self {
        Catalog {
            name,
            envelope: Some(envelope),
            ..Catalog::EMPTY
        }
    }

    /// Sets the entries.
    pub const fn with_entries(self, entries: &'static [CatalogEntry]) -> Self {
        Catalog { entries, ..self }
    }

    /// Sets the locales of the messages, the default first; each entry's
    /// [`translations`](CatalogEntry::translations) are in the others, in this order.
    pub const fn with_locales(self, locales: &'static [&'static str]) -> Self {
        Catalog { locales, ..self }
    }

    /// Sets the gRPC domain.
    pub const fn with_domain(self, domain: &'static str) -> Self {
        Catalog {
            domain: Some(domain),
            ..self
        }
    }

    /// Sets the retired codes.
    pub const fn with_retired(self, retired: &'static [Code]) -> Self {
        Catalog { retired, ..self }
    }

    /// Sets the `type` URI prefix.
    pub const fn with_type_base(self, type_base: &'static str) -> Self {
        Catalog {
            type_base: Some(type_base),
            ..self
        }
    }

    /// Sets the description.
    pub const fn with_description(self, description: &'static str) -> Self {
        Catalog {
            description,
            ..self
        }
    }

    /// Sets what says why the client cannot read an entry back into its variant.
    pub const fn with_untyped(self, untyped: fn(usize) -> Option<&'static str>) -> Self {
        Catalog {
            untyped: Some(untyped),
            ..self
        }
    }

    /// Sets the lookup of an entry by its code; see [`code_index`](Self::code_index).
    pub const fn with_code_index(self, code_index: fn(&str) -> Option<usize>) -> Self {
        Catalog {
            code_index: Some(code_index),
            ..self
        }
    }

    /// The template of `entry`, one of this catalog's, in `locale`: its translation there, else
    /// its default message.
    pub fn message_in(&self, entry: &CatalogEntry, locale: &str) -> &'static str {
        let translation = self
            .locales
            .iter()
            .position(|known| *known == locale)
            .and_then(|index| entry.translations.get(index.checked_sub(1)?));
        match translation {
            Some(translation) if !translation.message.is_empty() => translation.message,
            _ => entry.message,
        }
    }

    /// Why a client cannot read the error of `entry` back into its variant, so that it comes
    /// back as a generic [`ErrorResponse`](crate::client::ErrorResponse) only (a detail whose type
    /// is not `Deserialize`, a header field that is not `FromStr`, ...); `None` when it comes
    /// back typed, or the catalog does not say (one written by hand).
    ///
    /// The derive answers it whatever the features, so that the page says the same in every
    /// build; `docs::assert_typed` fails a test on any such error.
    pub fn untyped(&self, entry: usize) -> Option<&'static str> {
        self.untyped.and_then(|untyped| untyped(entry))
    }
}

/// An error a catalog lists: a `transparent` variant's place is taken by the errors it forwards
/// to, which are written in the listing type's envelope.
#[cfg(any(feature = "docs", feature = "openapi", feature = "typescript"))]
#[derive(Clone, Copy)]
pub(crate) struct Listed {
    pub entry: &'static CatalogEntry,
    /// The catalog that declares the entry.
    #[cfg_attr(not(any(feature = "docs", feature = "openapi")), allow(dead_code))]
    pub declared_in: &'static Catalog,
    /// The listing type's `transparent` variant the entry is forwarded through, if any (the
    /// page shows it; OpenAPI has no place for it).
    #[cfg_attr(not(feature = "docs"), allow(dead_code))]
    pub forwarded_by: Option<&'static str>,
}

#[cfg(any(feature = "docs", feature = "openapi", feature = "typescript"))]
impl Catalog {
    /// Every error of the type, in declaration order, `transparent` variants expanded.
    pub(crate) fn errors(&'static self) -> Vec<Listed> {
        fn walk(catalog: &'static Catalog, by: Option<&'static str>, out: &mut Vec<Listed>) {
            for entry in catalog.entries {
                match entry.forwards_to {
                    Some(forwards_to) => walk(forwards_to(), by.or(Some(entry.name)), out),
                    None => out.push(Listed {
                        entry,
                        declared_in: catalog,
                        forwarded_by: by,
                    }),
                }
            }
        }
        let mut errors = Vec::new();
        walk(self, None, &mut errors);
        errors
    }
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("name", &self.name)
            .field(
                "envelope",
                &self.envelope.map(|envelope| envelope.content_type()),
            )
            .field("type_base", &self.type_base)
            .field("retired", &self.retired)
            .field("entries", &self.entries)
            .finish_non_exhaustive()
    }
}

/// What the documentation of one error says: everything but the values of a particular occurrence.
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
    /// The message template as written, placeholders and all: `"Retry after {retry_after} seconds."`;
    /// empty when the reason phrase is sent.
    pub message: &'static str,
    /// The message when it is the same for every occurrence (the template names no field, or
    /// there is none and the reason phrase is sent), as the derive writes it; `None` when each
    /// occurrence formats its own, and in an entry written by hand.
    pub static_message: Option<&'static str>,
    /// The RFC 9457 `type` URI: the catalog's `type_base` followed by the code, when it has both.
    pub type_uri: Option<&'static str>,
    /// The message in each of the catalog's [`locales`](Catalog::locales) after the default, in
    /// their order.
    pub translations: &'static [Translation],
    /// The variant's doc comment, Markdown.
    pub description: &'static str,
    /// `Some` for a `#[deprecated]` variant, with its note (empty without one).
    pub deprecated: Option<&'static str>,
    /// The headers the variant sends, static or from its fields.
    pub headers: &'static [HeaderEntry],
    /// The variant's fields that go on the wire or into the message.
    pub fields: &'static [FieldEntry],
    /// For a `transparent` variant: the catalog of the error it forwards to.
    pub forwards_to: Option<fn() -> &'static Catalog>,
    /// Whether a client retries the request: `#[api(retry = "...")]`, else by status.
    pub retry: Retry,
    /// The gRPC code and reason, in a catalog with a [`domain`](Catalog::domain).
    pub grpc: Option<Grpc>,
}

/// The message of an entry in one locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The template, placeholders and all, as [`CatalogEntry::message`] is.
    pub message: &'static str,
    /// The message when the template names no field, as
    /// [`CatalogEntry::static_message`] is.
    pub static_message: Option<&'static str>,
}

/// Whether a client may send a request again after this error, and how: declared per variant
/// with `#[api(retry = "throttle" | "transient" | "never")]`, else [by status](Retry::for_status),
/// as the seed APIs' client guides say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "docs",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Retry {
    /// The server asks the client to slow down: retry after the delay `Retry-After` gives, else
    /// with exponential backoff. A 429 or 503 by default.
    Throttle,
    /// The failure may pass: retry with exponential backoff and jitter. A request that is not
    /// idempotent may already have taken effect, so retry it only when the API says a retry is
    /// safe (an idempotency key, for instance). A 408 and any other 5xx by default.
    Transient,
    /// The request itself is wrong: sending it again gives the same error. Any other 4xx by
    /// default.
    Never,
}

impl Retry {
    /// The class of a status: 429 and 503 [`Throttle`](Retry::Throttle); 408 and other 5xx
    /// [`Transient`](Retry::Transient); any other status [`Never`](Retry::Never).
    pub const fn for_status(status: StatusCode) -> Retry {
        match status.as_u16() {
            429 | 503 => Retry::Throttle,
            408 | 500..=599 => Retry::Transient,
            _ => Retry::Never,
        }
    }

    /// The word the attribute, the documentation page and the JSON page use:
    /// `"throttle"`, `"transient"` or `"never"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::Throttle => "throttle",
            Retry::Transient => "transient",
            Retry::Never => "never",
        }
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A header an error sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderEntry {
    /// The header's name as written, e.g. `"Retry-After"`.
    pub name: &'static str,
    /// What its value is.
    pub value: HeaderKind,
}

/// The value of a header an error sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderKind {
    /// The same value every time: `header(Cache-Control = "no-store")`.
    Fixed(&'static str),
    /// A number of seconds, from an integer or `Duration` field.
    DelaySeconds,
    /// An HTTP-date, from a `SystemTime` field.
    HttpDate,
    /// A field's text.
    Text,
}

/// A field of an error that the wire or the message shows.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct FieldEntry {
    /// The field's name in the source, or its position (`"0"`) in a tuple variant.
    pub name: &'static str,
    /// Its entry in the body's details, by wire name: `#[api(detail)]`.
    pub detail: Option<&'static str>,
    /// Whether it is the whole details object: `#[api(details)]`.
    pub details: bool,
    /// The header it is sent as: `#[api(header = "...")]`.
    pub header: Option<&'static str>,
    /// The JSON type its value serializes as, read from its Rust type.
    pub json_type: JsonType,
    /// Whether it can be `null` (an `Option`).
    pub nullable: bool,
    /// The field's doc comment.
    pub description: &'static str,
    /// An example of its value as JSON text: `#[api(example = ...)]`.
    pub example: Option<&'static str>,
    /// The JSON Schema its type gives itself, if any.
    schema: fn() -> Option<serde_json::Value>,
}

impl FieldEntry {
    /// The entry of the field `name`, of `json_type`, that shows nowhere yet; the `with_*`
    /// methods say where.
    pub const fn new(name: &'static str, json_type: JsonType) -> Self {
        FieldEntry {
            name,
            detail: None,
            details: false,
            header: None,
            json_type,
            nullable: false,
            description: "",
            example: None,
            schema: || None,
        }
    }

    /// The JSON Schema the field's type gives itself, self-contained (no `$ref`): with the
    /// `schemars` feature, a type's `schemars::JsonSchema`, else with `utoipa`, its
    /// `utoipa::ToSchema`. `None` for other types: the schema is then read from
    /// [`json_type`](Self::json_type).
    pub fn schema(&self) -> Option<serde_json::Value> {
        (self.schema)()
    }

    /// Sets the function that gives the field's schema.
    pub const fn with_schema(self, schema: fn() -> Option<serde_json::Value>) -> Self {
        FieldEntry { schema, ..self }
    }

    /// Sets the detail's wire name.
    pub const fn with_detail(self, wire_name: &'static str) -> Self {
        FieldEntry {
            detail: Some(wire_name),
            ..self
        }
    }

    /// Sets the description.
    pub const fn with_description(self, description: &'static str) -> Self {
        FieldEntry {
            description,
            ..self
        }
    }

    /// Sets an example value, as JSON text.
    pub const fn with_example(self, json: &'static str) -> Self {
        FieldEntry {
            example: Some(json),
            ..self
        }
    }
}

/// The JSON type of a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    /// A string.
    String,
    /// An integer.
    Integer,
    /// A number that may have a fraction.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An array.
    Array,
    /// An object.
    Object,
    /// Not known from the Rust type (a type of the user's own).
    Any,
}

impl JsonType {
    /// The name JSON Schema gives it (`"string"`, ...), `None` for [`JsonType::Any`].
    pub const fn schema_name(self) -> Option<&'static str> {
        match self {
            JsonType::String => Some("string"),
            JsonType::Integer => Some("integer"),
            JsonType::Number => Some("number"),
            JsonType::Boolean => Some("boolean"),
            JsonType::Array => Some("array"),
            JsonType::Object => Some("object"),
            JsonType::Any => None,
        }
    }

    /// The example used for a field without `#[api(example = ...)]`, as JSON text.
    pub const fn default_example(self) -> &'static str {
        match self {
            JsonType::String => "\"string\"",
            JsonType::Integer => "0",
            JsonType::Number => "0.5",
            JsonType::Boolean => "false",
            JsonType::Array => "[]",
            JsonType::Object => "{}",
            JsonType::Any => "null",
        }
    }
}

impl CatalogEntry {
    /// The entry of a variant with this status and nothing else yet; the `with_*` methods add the
    /// rest. All of them are `const`, for a catalog written by hand:
    ///
    /// ```
    /// use errwire::catalog::{CatalogEntry, FieldEntry, JsonType};
    /// use errwire::{Code, http::StatusCode};
    ///
    /// const ENTRIES: &[CatalogEntry] = &[CatalogEntry::new("NotFound", StatusCode::NOT_FOUND)
    ///     .with_code(Code::Str("not_found"))
    ///     .with_message("Room {room_id} not found")
    ///     .with_fields(&[FieldEntry::new("room_id", JsonType::String).with_detail("room_id")])];
    /// assert_eq!(ENTRIES[0].status, Some(StatusCode::NOT_FOUND));
    /// assert_eq!(ENTRIES[0].details().collect::<Vec<_>>(), ["room_id"]);
    /// ```
    pub const fn new(name: &'static str, status: StatusCode) -> Self {
        CatalogEntry {
            name,
            status: Some(status),
            code: None,
            title: None,
            message: "",
            static_message: None,
            type_uri: None,
            translations: &[],
            description: "",
            deprecated: None,
            headers: &[],
            fields: &[],
            forwards_to: None,
            retry: Retry::for_status(status),
            grpc: None,
        }
    }

    /// The entry of a `transparent` variant, whose entries are those of `forwards_to`.
    pub const fn transparent(name: &'static str, forwards_to: fn() -> &'static Catalog) -> Self {
        CatalogEntry {
            status: None,
            forwards_to: Some(forwards_to),
            retry: Retry::Never,
            ..CatalogEntry::new(name, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }

    /// Sets the gRPC code and reason.
    pub const fn with_grpc(self, code: GrpcCode, reason: &'static str) -> Self {
        CatalogEntry {
            grpc: Some(Grpc { code, reason }),
            ..self
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

    /// Sets the headers the variant sends.
    pub const fn with_headers(self, headers: &'static [HeaderEntry]) -> Self {
        CatalogEntry { headers, ..self }
    }

    /// Sets the fields the wire or the message shows.
    pub const fn with_fields(self, fields: &'static [FieldEntry]) -> Self {
        CatalogEntry { fields, ..self }
    }

    /// Sets the message in each locale after the catalog's default.
    pub const fn with_translations(self, translations: &'static [Translation]) -> Self {
        CatalogEntry {
            translations,
            ..self
        }
    }

    /// The message in each of the catalog's locales, the default first; a translation's
    /// template is empty where it has none.
    pub fn messages(&self) -> impl Iterator<Item = Translation> + use<> {
        let default = Translation {
            message: self.message,
            static_message: self.static_message,
        };
        let translations: &'static [Translation] = self.translations;
        std::iter::once(default).chain(translations.iter().copied())
    }

    /// Sets the retry class.
    pub const fn with_retry(self, retry: Retry) -> Self {
        CatalogEntry { retry, ..self }
    }

    /// What names the error on a page or in a document: its code, else its variant's name.
    pub fn label(&self) -> String {
        match self.code {
            Some(code) => code.to_string(),
            None => self.name.to_owned(),
        }
    }

    /// The wire names of the detail entries, in order.
    pub fn details(&self) -> impl Iterator<Item = &'static str> + use<> {
        let fields: &'static [FieldEntry] = self.fields;
        fields.iter().filter_map(|field| field.detail)
    }
}
