//! The choices generated code makes by the type of a field, or of the error, at compile time.
//!
//! Rust has no specialization, so the derive uses method resolution instead ("autoref
//! specialization"): it writes `(&&Ref(value)).method()`. Resolution tries the receiver
//! `&&Ref<T>` first, then `&Ref<T>`, then `Ref<T>`: a trait implemented for `&Ref<T>` only where
//! `T` has the special ability wins; otherwise the call falls through to the trait implemented for
//! every `Ref<T>`. Each pair of traits below is one such choice:
//!
//! | call | taken first, when `T` ... | else |
//! |---|---|---|
//! | `visit_detail` | is a string, integer or boolean: a typed [`DetailVisitor`] method | any `Detail`: type-erased |
//! | `header_value` | implements [`ToHeaderValue`] | any `HeaderText`: its `Display` text |
//! | `as_error` | is a `std::error::Error + 'static` | `None` |
//! | `own_schema` (on `&&&Type<T>`, three steps) | is `schemars::JsonSchema` (feature `schemars`), then `utoipa::ToSchema` (feature `utoipa`) | `None` |
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
use serde::Serialize;

use crate::details::DetailVisitor;
use crate::headers::ToHeaderValue;

/// A value, borrowed for a choice.
pub struct Ref<'a, T: ?Sized>(pub &'a T);

/// A value that can be a detail: any `Serialize` value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a detail: it does not implement `serde::Serialize`",
    label = "this field goes into the body",
    note = "derive or implement `serde::Serialize` for `{Self}`, or take `detail` off the field"
)]
pub trait Detail: Serialize {}

impl<T: Serialize + ?Sized> Detail for T {}

/// Taken first: strings, integers and booleans, through their own visitor methods.
pub trait ViaTypedDetail {
    /// Hands the value to `visitor` under `name`.
    fn visit_detail(&self, name: &'static str, visitor: &mut dyn DetailVisitor);
}

impl<T: TypedDetail + ?Sized> ViaTypedDetail for &Ref<'_, T> {
    fn visit_detail(&self, name: &'static str, visitor: &mut dyn DetailVisitor) {
        self.0.visit_typed(name, visitor);
    }
}

/// Taken otherwise: any `Detail`, type-erased.
pub trait ViaSerializeDetail {
    /// The value's type.
    type Value: ?Sized;

    /// Hands the value to `visitor` under `name`.
    fn visit_detail(&self, name: &'static str, visitor: &mut dyn DetailVisitor)
    where
        Self::Value: Detail;
}

impl<T: ?Sized> ViaSerializeDetail for Ref<'_, T> {
    type Value = T;

    fn visit_detail(&self, name: &'static str, visitor: &mut dyn DetailVisitor)
    where
        T: Detail,
    {
        visitor.detail(name, &self.0);
    }
}

/// The types with a typed [`DetailVisitor`] method.
pub trait TypedDetail {
    /// Calls the visitor's method for this type.
    fn visit_typed(&self, name: &'static str, visitor: &mut dyn DetailVisitor);
}

impl<T: TypedDetail + ?Sized> TypedDetail for &T {
    fn visit_typed(&self, name: &'static str, visitor: &mut dyn DetailVisitor) {
        (**self).visit_typed(name, visitor);
    }
}

impl TypedDetail for str {
    fn visit_typed(&self, name: &'static str, visitor: &mut dyn DetailVisitor) {
        visitor.detail_str(name, self);
    }
}

impl TypedDetail for String {
    fn visit_typed(&self, name: &'static str, visitor: &mut dyn DetailVisitor) {
        visitor.detail_str(name, self);
    }
}

impl TypedDetail for bool {
    fn visit_typed(&self, name: &'static str, visitor: &mut dyn DetailVisitor) {
        visitor.detail_bool(name, *self);
    }
}

macro_rules! typed_integers {
    ($method:ident as $wide:ty: $($int:ty),*) => {$(
        impl TypedDetail for $int {
            fn visit_typed(&self, name: &'static str, visitor: &mut dyn DetailVisitor) {
                visitor.$method(name, <$wide>::from(*self));
            }
        }
    )*};
}

typed_integers!(detail_u64 as u64: u8, u16, u32, u64);
typed_integers!(detail_i64 as i64: i8, i16, i32, i64);

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

/// Taken first: the type's `schemars::JsonSchema`. Without the feature, no type takes it.
pub trait ViaJsonSchema {
    /// The type's own JSON Schema.
    fn own_schema(&self) -> Option<serde_json::Value>;
}

#[cfg(feature = "schemars")]
impl<T: schemars::JsonSchema + ?Sized> ViaJsonSchema for &&Type<T> {
    fn own_schema(&self) -> Option<serde_json::Value> {
        Some(crate::schema::from_schemars::<T>())
    }
}

/// Taken second: the type's `utoipa::ToSchema`. Without the feature, no type takes it.
pub trait ViaToSchema {
    /// The type's own JSON Schema.
    fn own_schema(&self) -> Option<serde_json::Value>;
}

#[cfg(feature = "utoipa")]
impl<T: utoipa::ToSchema + ?Sized> ViaToSchema for &Type<T> {
    fn own_schema(&self) -> Option<serde_json::Value> {
        Some(crate::schema::from_utoipa::<T>())
    }
}

/// Taken otherwise: no schema of its own.
pub trait NoSchema {
    /// None.
    fn own_schema(&self) -> Option<serde_json::Value>;
}

impl<T: ?Sized> NoSchema for Type<T> {
    fn own_schema(&self) -> Option<serde_json::Value> {
        None
    }
}
