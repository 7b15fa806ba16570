//! The choices generated code makes by the type of a field, or of the error, at compile time.
//!
//! Rust has no specialization, so the derive uses method resolution instead ("autoref
//! specialization"): it writes `(&&Ref(value)).method()`. Resolution tries the receiver
//! `&&Ref<T>` first, then `&Ref<T>`, then `Ref<T>`: a trait implemented for `&Ref<T>` only where
//! `T` has the special ability wins; otherwise the call falls through to the trait implemented for
//! every `Ref<T>`. Each pair of traits is one such choice; those of the facts are here, each
//! other layer's beside it (`client/choices.rs`, `schema.rs`), all on this file's `Ref` and `Type`:
//!
//! | call | taken first, when `T` ... | else |
//! |---|---|---|
//! | `header_value` | implements [`ToHeaderValue`] | any `HeaderText`: its `Display` text |
//! | `as_error` | is a `std::error::Error + 'static` | `None` |
//! | `read_detail`, `read_details` (on `&&&Type<T>`, feature `client`, in `client/choices.rs`) | is `serde::Deserialize<'static>` | `None`: the variant is not read back |
//! | `read_header` (likewise) | is `FromStr` | `None` |
//! | `read_message` (likewise) | is `FromStr + Display`, and writes back the text it was read from | `None` |
//! | `default_value` (likewise) | is `Default` | `None` |
//! | `read_forwarded` (likewise) | is a `client::FromResponse` | `None` |
//! | `is_deserialize`, `is_from_str`, `is_message_text`, `is_default` (on `&&&Type<T>`, returning `bool`) | is what `read_detail`, `read_header`, `read_message` and `default_value` need: whether the catalog may say the variant is read back typed, with or without the `client` feature | `false` |
//! | `own_schema` (on `&&&Type<T>`, three steps, in `schema.rs`) | is `schemars::JsonSchema` (feature `schemars`), then `utoipa::ToSchema` (feature `utoipa`) | `None` |
//!
//! The choice is made where the derive's impl is type-checked, so for a type parameter it sees only
//! the parameter's bounds: a generic `header` field is given the bound `ToHeaderValue` (its
//! `Display` would be a guess), and a generic error is an `Error` for the log only when the bounds
//! on its parameters make it one.
//!
//! The fallbacks' bounds sit on their methods, with a diagnostic that speaks of the user's type:
//! a field that cannot be written gets one error, at the field.

use core::fmt;
use core::marker::PhantomData;

use http::HeaderValue;

use crate::headers::ToHeaderValue;

/// A value, borrowed for a choice.
pub struct Ref<'a, T: ?Sized>(pub &'a T);

/// A value whose `Display` text can be a header value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a header value: it implements neither `errwire::ToHeaderValue` nor `Display`",
    label = "this field is sent as a header",
    note = "implement `errwire::ToHeaderValue` (or `Display`) for `{Self}`, or take `header` off the field"
)]
pub trait HeaderText: fmt::Display {}

impl<T: fmt::Display + ?Sized> HeaderText for T {}

/// Taken first: a [`ToHeaderValue`] type.
pub trait ViaToHeaderValue {
    /// The header value.
    fn header_value(&self) -> Option<HeaderValue>;
}

impl<T: ToHeaderValue + ?Sized> ViaToHeaderValue for &Ref<'_, T> {
    fn header_value(&self) -> Option<HeaderValue> {
        self.0.to_header_value()
    }
}

/// Taken otherwise: the `Display` text.
pub trait ViaHeaderText {
    /// The value's type.
    type Value: ?Sized;

    /// The header value.
    fn header_value(&self) -> Option<HeaderValue>
    where
        Self::Value: HeaderText;
}

impl<T: ?Sized> ViaHeaderText for Ref<'_, T> {
    type Value = T;

    fn header_value(&self) -> Option<HeaderValue>
    where
        T: HeaderText,
    {
        crate::headers::display_header_value(self.0)
    }
}

/// Taken first: the error is a `std::error::Error`.
pub trait ViaError<'a> {
    /// The value as an error.
    fn as_error(&self) -> Option<&'a (dyn core::error::Error + 'static)>;
}

impl<'a, T: core::error::Error + 'static> ViaError<'a> for &Ref<'a, T> {
    fn as_error(&self) -> Option<&'a (dyn core::error::Error + 'static)> {
        Some(self.0)
    }
}

/// Taken otherwise: no error to log.
pub trait NotError<'a> {
    /// No error.
    fn as_error(&self) -> Option<&'a (dyn core::error::Error + 'static)>;
}

impl<'a, T: ?Sized> NotError<'a> for Ref<'a, T> {
    fn as_error(&self) -> Option<&'a (dyn core::error::Error + 'static)> {
        None
    }
}

/// A type, for a choice that needs no value of it.
pub struct Type<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> Type<T> {
    /// The type.
    pub const NEW: Self = Type(PhantomData);
}

/// One choice of whether a client can read a field of type `T` back: `true` where `T` has the
/// ability the client's own choice above needs, else `false`. Compiled whatever the features, so
/// that the catalog (and the page) says the same with the `client` feature and without.
macro_rules! readable {
    ($(#[$doc:meta])* $yes:ident, $no:ident, $method:ident, $($bound:tt)+) => {
        $(#[$doc])*
        pub trait $yes {
            /// Whether the client can read the field back: yes.
            fn $method(&self) -> bool {
                true
            }
        }

        impl<T: $($bound)+> $yes for &&Type<T> {}

        /// Taken otherwise: the field cannot be read back this way.
        pub trait $no {
            /// Whether the client can read the field back: no.
            fn $method(&self) -> bool {
                false
            }
        }

        impl<T: ?Sized> $no for Type<T> {}
    };
}

readable!(
    /// Taken first: a detail the client reads as `serde::Deserialize<'static>` (as `FromWire`).
    IsDeserialize, NotDeserialize, is_deserialize, serde::Deserialize<'static>
);
readable!(
    /// Taken first: a header the client parses with `FromStr` (as `FromHeaderText`).
    IsFromStr, NotFromStr, is_from_str, core::str::FromStr
);
readable!(
    /// Taken first: a message's text the client parses and writes back (as `FromMessageText`).
    IsMessageText, NotMessageText, is_message_text, core::str::FromStr + fmt::Display
);
readable!(
    /// Taken first: a field off the wire the client gives its `Default` (as `FromDefault`).
    IsDefault, NotDefault, is_default, Default
);
