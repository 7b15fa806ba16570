//! The choices the derive's `FromResponse` impl makes by a field's type, as `dispatch.rs` explains:
//! where the field is read back from, and how.

use core::fmt;

use super::typed::Fields;
use crate::dispatch::Type;

/// Taken first: a field read back from the body's details, a `serde::Deserialize` type.
pub trait FromWire {
    /// The field's type.
    type Value;

    /// The detail `name`; an absent one reads as `null`.
    fn read_detail(&self, fields: &Fields<'_>, name: &str) -> Option<Self::Value>;

    /// The whole details object.
    fn read_details(&self, fields: &Fields<'_>) -> Option<Self::Value>;
}

// `Deserialize<'static>`, read from owned values, rather than `DeserializeOwned`: a type that
// borrows (`&str`) then takes this impl too and fails to read at run time, where the
// higher-ranked bound would fail to compile instead of falling through.
impl<T: serde::Deserialize<'static>> FromWire for &&Type<T> {
    type Value = T;

    fn read_detail(&self, fields: &Fields<'_>, name: &str) -> Option<T> {
        fields.details.read(name)
    }

    fn read_details(&self, fields: &Fields<'_>) -> Option<T> {
        T::deserialize(serde_json::Value::Object(fields.details.object()?)).ok()
    }
}

/// Taken first: a field read back from a header's text, a `FromStr` type.
pub trait FromHeaderText {
    /// The field's type.
    type Value;

    /// The header `name`'s text, parsed.
    fn read_header(&self, fields: &Fields<'_>, name: &str) -> Option<Self::Value>;
}

impl<T: core::str::FromStr> FromHeaderText for &&Type<T> {
    type Value = T;

    fn read_header(&self, fields: &Fields<'_>, name: &str) -> Option<T> {
        fields.headers.get(name)?.to_str().ok()?.trim().parse().ok()
    }
}

/// Taken first: a field that shows only in the message, read back from its text there.
pub trait FromMessageText {
    /// The field's type.
    type Value;

    /// The text `{name}` stands for in the message, read with the template of `entry` in any of
    /// its locales, parsed.
    fn read_message(
        &self,
        fields: &Fields<'_>,
        entry: &crate::catalog::CatalogEntry,
        name: &str,
    ) -> Option<Self::Value>;
}

impl<T: core::str::FromStr + fmt::Display> FromMessageText for &&Type<T> {
    type Value = T;

    fn read_message(
        &self,
        fields: &Fields<'_>,
        entry: &crate::catalog::CatalogEntry,
        name: &str,
    ) -> Option<T> {
        let message = fields.message?;
        let fields = entry
            .messages()
            .filter(|translation| !translation.message.is_empty())
            .find_map(|translation| crate::message::read_back(translation.message, message))?;
        let (_, text) = fields.into_iter().find(|(field, _)| field == name)?;
        // Only a value that writes the same text back: `01` is not the integer `1`.
        let value: T = text.parse().ok()?;
        (value.to_string() == text).then_some(value)
    }
}

/// Taken first: a field the wire does not carry, given its `Default`.
pub trait FromDefault {
    /// The field's type.
    type Value;

    /// The default value.
    fn default_value(&self) -> Option<Self::Value>;
}

impl<T: Default> FromDefault for &&Type<T> {
    type Value = T;

    fn default_value(&self) -> Option<T> {
        Some(T::default())
    }
}

/// Taken first: a `transparent` variant's error, read back by its own type.
pub trait FromForwarded {
    /// The forwarded error's type.
    type Value;

    /// The forwarded error, if the response is one of its type's.
    fn read_forwarded(&self, fields: &Fields<'_>) -> Option<Self::Value>;
}

impl<T: super::typed::FromResponse> FromForwarded for &&Type<T> {
    type Value = T;

    fn read_forwarded(&self, fields: &Fields<'_>) -> Option<T> {
        T::from_error_response(fields.response?)
    }
}

/// Taken otherwise: a field that cannot be read back, so neither can its variant.
pub trait Unreadable {
    /// The field's type.
    type Value;

    /// None.
    fn read_detail(&self, _: &Fields<'_>, _: &str) -> Option<Self::Value> {
        None
    }

    /// None.
    fn read_details(&self, _: &Fields<'_>) -> Option<Self::Value> {
        None
    }

    /// None.
    fn read_header(&self, _: &Fields<'_>, _: &str) -> Option<Self::Value> {
        None
    }

    /// None.
    fn read_message(
        &self,
        _: &Fields<'_>,
        _: &crate::catalog::CatalogEntry,
        _: &str,
    ) -> Option<Self::Value> {
        None
    }

    /// None.
    fn default_value(&self) -> Option<Self::Value> {
        None
    }

    /// None.
    fn read_forwarded(&self, _: &Fields<'_>) -> Option<Self::Value> {
        None
    }
}

impl<T> Unreadable for Type<T> {
    type Value = T;
}
