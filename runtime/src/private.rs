//! What generated code reaches through `::errwire::__private`; not a public API.

pub use core::fmt;

pub use erased_serde;
pub use http::{self, HeaderMap, HeaderName, HeaderValue, Response, StatusCode};
pub use serde::{self, Serialize};
pub use serde_json;

pub use crate::__feature_impls as feature_impls;
pub use crate::__tonic_impl as tonic_impl;
pub use crate::api_error::TypeCatalog;
pub use crate::details::{Entries, ToVisitor};
pub use crate::dispatch::{
    IsDefault, IsDeserialize, IsFromStr, IsMessageText, NotDefault, NotDeserialize, NotError,
    NotFromStr, NotMessageText, Ref, Type, ViaError, ViaHeaderText, ViaToHeaderValue,
};
pub use crate::headers::{display_header_value, insert as insert_header};
#[cfg(feature = "aide")]
pub use crate::openapi::tools::aide_responses;
#[cfg(feature = "utoipa")]
pub use crate::openapi::tools::utoipa_responses;
pub use crate::schema::{NoSchema, ViaJsonSchema, ViaToSchema};
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "aide")]
pub use aide;
#[cfg(feature = "axum")]
pub use axum;
pub use errwire_macros::envelope;
#[cfg(feature = "tonic")]
pub use tonic;
#[cfg(feature = "utoipa")]
pub use utoipa;

/// What the derive's `client::FromResponse` impl calls.
#[cfg(feature = "client")]
pub mod client {
    pub use crate::client::choices::{
        FromDefault, FromForwarded, FromHeaderText, FromMessageText, FromWire, Unreadable,
    };
    pub use crate::client::typed::Fields;
    pub use crate::client::{ErrorResponse, FromResponse, WireCode};

    /// The index of the entry of `catalog` the response is, by the client's one rule.
    pub fn entry_index(
        catalog: &'static crate::catalog::Catalog,
        response: &ErrorResponse,
    ) -> Option<usize> {
        let found = crate::client::response::find(
            catalog,
            response.status,
            response.code.as_ref().map(WireCode::borrow),
            response.message.as_deref(),
        )?;
        Some(found.index)
    }
}

/// Whether `Env` writes a member named `name` beside the details' entries, which would then
/// leave a detail of that name out of every body; evaluated when the derive's code compiles.
pub const fn shadowed<Env: crate::Envelope>(name: &str) -> bool {
    match Env::TEMPLATE {
        Some(template) => template.shadows(name),
        None => false,
    }
}

/// What the code `envelope!` generates calls: the slots of a template.
pub mod template {
    pub use crate::envelope::template::{Reserved, Slot, entry, flatten, value};
}

/// The axum response of a derived error in its envelope `Env`, with the request's context.
#[cfg(feature = "axum")]
pub fn axum_response<Env: crate::Envelope, E: crate::ApiError>(
    error: &E,
) -> axum::response::Response {
    crate::integrations::axum::response::<Env, E>(error)
}

/// The actix-web response of a derived error in its envelope `Env`, with the request's context.
#[cfg(feature = "actix-web")]
pub fn actix_response<Env: crate::Envelope, E: crate::ApiError>(
    error: &E,
) -> actix_web::HttpResponse {
    crate::integrations::actix::response::<Env, E>(error)
}

/// The actix-web status of a derived error.
#[cfg(feature = "actix-web")]
pub fn actix_status_code<E: crate::ApiError>(error: &E) -> actix_web::http::StatusCode {
    crate::integrations::actix::status_code(error)
}

/// A status code checked when the generated code is compiled: `Status::<404>::CODE`.
pub struct Status<const N: u16>;

impl<const N: u16> Status<N> {
    /// The status; an invalid `N` fails to compile (the derive has already rejected it).
    pub const CODE: StatusCode = match StatusCode::from_u16(N) {
        Ok(status) => status,
        Err(_) => panic!("not a valid HTTP status code"),
    };
}

/// The catalog entry of a variant with a status, code, message and fields only, the most common:
/// fewer arguments for the compiler to check than [`catalog_entry`].
pub const fn plain_entry(
    name: &'static str,
    status: StatusCode,
    code: Option<crate::Code>,
    message: &'static str,
    static_message: Option<&'static str>,
    type_uri: Option<&'static str>,
    fields: &'static [crate::catalog::FieldEntry],
) -> crate::catalog::CatalogEntry {
    catalog_entry(
        name,
        Some(status),
        code,
        None,
        message,
        static_message,
        type_uri,
        "",
        None,
        &[],
        fields,
        None,
        None,
    )
}

/// A catalog entry in one call, for the generated `const`: a chain of `CatalogEntry::with_*` per
/// variant costs a large enum's compile time noticeably more.
#[allow(clippy::too_many_arguments)]
pub const fn catalog_entry(
    name: &'static str,
    status: Option<StatusCode>,
    code: Option<crate::Code>,
    title: Option<&'static str>,
    message: &'static str,
    static_message: Option<&'static str>,
    type_uri: Option<&'static str>,
    description: &'static str,
    deprecated: Option<&'static str>,
    headers: &'static [crate::catalog::HeaderEntry],
    fields: &'static [crate::catalog::FieldEntry],
    forwards_to: Option<fn() -> &'static crate::catalog::Catalog>,
    retry: Option<crate::catalog::Retry>,
) -> crate::catalog::CatalogEntry {
    let retry = match (retry, status) {
        (Some(retry), _) => retry,
        (None, Some(status)) => crate::catalog::Retry::for_status(status),
        // A transparent variant's errors are the forwarded type's entries, each with its own.
        (None, None) => crate::catalog::Retry::Never,
    };
    crate::catalog::CatalogEntry {
        name,
        status,
        code,
        title,
        message,
        static_message,
        type_uri,
        translations: &[],
        description,
        deprecated,
        headers,
        fields,
        forwards_to,
        retry,
        grpc: None,
    }
}

/// What the derive's `status()`, `code()`, ... read for a variant: its catalog entry's facts
/// without the `Option` of a `transparent` entry's status, in rows of their own so that a
/// lookup reads a small row. Computed from the entries when compiling, never written apart.
#[derive(Clone, Copy, Debug)]
pub struct Facts {
    pub status: StatusCode,
    pub code: Option<crate::Code>,
    pub static_message: Option<&'static str>,
    pub title: Option<&'static str>,
    pub type_uri: Option<&'static str>,
    pub retry: crate::catalog::Retry,
}

/// The facts of each of `entries`, in order; `N` is their number. Evaluated when the derive's
/// code compiles; an entry without a status (a `transparent` one) fails it.
pub const fn facts<const N: usize>(entries: &[crate::catalog::CatalogEntry]) -> [Facts; N] {
    let mut facts = [Facts {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        code: None,
        static_message: None,
        title: None,
        type_uri: None,
        retry: crate::catalog::Retry::Never,
    }; N];
    let mut index = 0;
    while index < N {
        let entry = &entries[index];
        facts[index] = Facts {
            status: match entry.status {
                Some(status) => status,
                None => panic!("a transparent entry has no facts of its own"),
            },
            code: entry.code,
            static_message: entry.static_message,
            title: entry.title,
            type_uri: entry.type_uri,
            retry: entry.retry,
        };
        index += 1;
    }
    facts
}

/// The schema of a field that is not in the body: none.
pub fn no_schema() -> Option<serde_json::Value> {
    None
}

/// A catalog field in one call, for the generated `const`.
#[allow(clippy::too_many_arguments)]
pub const fn catalog_field(
    name: &'static str,
    detail: Option<&'static str>,
    details: bool,
    header: Option<&'static str>,
    json_type: crate::catalog::JsonType,
    nullable: bool,
    description: &'static str,
    example: Option<&'static str>,
    schema: fn() -> Option<serde_json::Value>,
) -> crate::catalog::FieldEntry {
    let mut entry = crate::catalog::FieldEntry::new(name, json_type).with_schema(schema);
    entry.detail = detail;
    entry.details = details;
    entry.header = header;
    entry.nullable = nullable;
    entry.description = description;
    entry.example = example;
    entry
}

/// Expands, for the derived type, to the impls of each feature errwire was built with: the
/// frameworks' (in `integrations/`) and the OpenAPI tools' (in `openapi/tools.rs`); each is
/// empty without its feature, since the derive cannot see errwire's features. `tonic_impl`, for
/// a type with a gRPC domain only, likewise.
#[doc(hidden)]
#[macro_export]
macro_rules! __feature_impls {
    ($($input:tt)*) => {
        $crate::__axum_impl! { $($input)* }
        $crate::__actix_impl! { $($input)* }
        $crate::__aide_impl! { $($input)* }
        $crate::__utoipa_impl! { $($input)* }
    };
}

#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __tonic_impl {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impl {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impl {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __aide_impl {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_impl {
    ($($input:tt)*) => {};
}
