//! The details of an error: the fields a variant puts on the wire, borrowed, never collected.
//!
//! Envelopes nest them under a member (`"details": {...}`) or flatten them into the enclosing
//! object (RFC 9457 extension members); both write each value straight into the serializer.

use core::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// A value that can be a detail: any `Serialize` value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a detail: it does not implement `serde::Serialize`",
    label = "this field goes into the body",
    note = "derive or implement `serde::Serialize` for `{Self}`, or take `detail` off the field"
)]
pub trait Detail: Serialize {}

impl<T: Serialize + ?Sized> Detail for T {}

/// A detail's value: any `Serialize` value, behind a reference that a [`DetailVisitor`] takes
/// without knowing its type. `&dyn DetailValue` is itself `Serialize`.
pub trait DetailValue: sealed::Erase {}

impl<T: Serialize> DetailValue for T {}

mod sealed {
    /// The type erasure behind [`DetailValue`](super::DetailValue), kept out of errwire's API so
    /// that it can change without breaking users.
    pub trait Erase {
        fn erased(&self) -> &dyn erased_serde::Serialize;
    }

    impl<T: serde::Serialize> Erase for T {
        fn erased(&self) -> &dyn erased_serde::Serialize {
            self
        }
    }
}

impl Serialize for dyn DetailValue + '_ {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        erased_serde::serialize(self.erased(), serializer)
    }
}

/// The details of one error, borrowed from it. Returned by
/// [`ApiError::details`](crate::ApiError::details).
#[derive(Clone, Copy)]
pub enum Details<'a> {
    /// The error carries no details.
    None,
    /// Named entries, one per field marked `#[api(detail)]`.
    Fields(&'a dyn DetailFields),
    /// One value that is the whole details object, from a field marked `#[api(details)]`
    /// (for example a map from field name to validation messages).
    Object(&'a dyn DetailValue),
}

/// A value whose detail entries can be listed one by one, without collecting them.
///
/// `#[derive(ApiError)]` implements it for types with `#[api(detail)]` fields; implement it by
/// hand for an error type that implements [`ApiError`](crate::ApiError) by hand.
pub trait DetailFields {
    /// Calls [`DetailVisitor::detail`] once for each entry, in declaration order.
    fn visit_details(&self, visitor: &mut dyn DetailVisitor);
}

/// Receives the entries of a [`DetailFields`].
///
/// Fields whose type is written as a string, an integer or a boolean come through their own
/// methods, which a visitor writing into a concrete serializer can take without type erasure; by
/// default they go to [`detail`](Self::detail) like any other value.
pub trait DetailVisitor {
    /// One detail entry: its wire name and its value.
    fn detail(&mut self, name: &'static str, value: &dyn DetailValue);

    /// An entry whose value is a string.
    fn detail_str(&mut self, name: &'static str, value: &str) {
        self.detail(name, &value);
    }

    /// An entry whose value is an unsigned integer.
    fn detail_u64(&mut self, name: &'static str, value: u64) {
        self.detail(name, &value);
    }

    /// An entry whose value is a signed integer.
    fn detail_i64(&mut self, name: &'static str, value: i64) {
        self.detail(name, &value);
    }

    /// An entry whose value is a boolean.
    fn detail_bool(&mut self, name: &'static str, value: bool) {
        self.detail(name, &value);
    }
}

/// Where generated code writes an error's details, each entry by its own type: a map being
/// serialized (an envelope's `..details`, or its nested details object), where nothing is
/// erased, or a [`DetailVisitor`]. Written by `#[derive(ApiError)]`, never by hand.
#[doc(hidden)]
pub trait Entries {
    /// What writing an entry can fail with.
    type Error;

    /// An entry of any `Serialize` type.
    fn entry<T: Detail + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Self::Error>;

    /// An entry whose value is a string.
    fn entry_str(&mut self, name: &'static str, value: &str) -> Result<(), Self::Error> {
        self.entry(name, value)
    }

    /// An entry whose value is an unsigned integer.
    fn entry_u64(&mut self, name: &'static str, value: u64) -> Result<(), Self::Error> {
        self.entry(name, &value)
    }

    /// An entry whose value is a signed integer.
    fn entry_i64(&mut self, name: &'static str, value: i64) -> Result<(), Self::Error> {
        self.entry(name, &value)
    }

    /// An entry whose value is a boolean.
    fn entry_bool(&mut self, name: &'static str, value: bool) -> Result<(), Self::Error> {
        self.entry(name, &value)
    }

    /// A value that is the whole details object (`#[api(details)]`): its entries.
    fn object<T: Detail + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error>;

    /// Details as [`ApiError::details`](crate::ApiError::details) gives them: for an error
    /// whose impl is not derived.
    fn details(&mut self, details: &Details<'_>) -> Result<(), Self::Error>;
}

/// The entries of a derived error, handed to a visitor: its [`DetailFields`] impl.
#[doc(hidden)]
pub struct ToVisitor<'v>(pub &'v mut dyn DetailVisitor);

impl Entries for ToVisitor<'_> {
    type Error = core::convert::Infallible;

    fn entry<T: Detail + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.0.detail(name, &value);
        Ok(())
    }

    fn entry_str(&mut self, name: &'static str, value: &str) -> Result<(), Self::Error> {
        self.0.detail_str(name, value);
        Ok(())
    }

    fn entry_u64(&mut self, name: &'static str, value: u64) -> Result<(), Self::Error> {
        self.0.detail_u64(name, value);
        Ok(())
    }

    fn entry_i64(&mut self, name: &'static str, value: i64) -> Result<(), Self::Error> {
        self.0.detail_i64(name, value);
        Ok(())
    }

    fn entry_bool(&mut self, name: &'static str, value: bool) -> Result<(), Self::Error> {
        self.0.detail_bool(name, value);
        Ok(())
    }

    /// Nothing: a whole details object is [`Details::Object`], never visited as entries.
    fn object<T: Detail + ?Sized>(&mut self, _: &T) -> Result<(), Self::Error> {
        Ok(())
    }

    fn details(&mut self, details: &Details<'_>) -> Result<(), Self::Error> {
        if let Details::Fields(fields) = details {
            fields.visit_details(self.0);
        }
        Ok(())
    }
}

impl Details<'_> {
    /// Whether there is nothing to write.
    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Details::None)
    }
}

impl Serialize for Details<'_> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Details::None => serializer.serialize_none(),
            Details::Object(object) => object.serialize(serializer),
            Details::Fields(fields) => {
                let mut map = serializer.serialize_map(None)?;
                visit_into(fields, &mut IntoNested(&mut map))?;
                map.end()
            }
        }
    }
}

impl fmt::Debug for Details<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Details::None => "Details::None",
            Details::Fields(_) => "Details::Fields(..)",
            Details::Object(_) => "Details::Object(..)",
        })
    }
}

/// Visits `fields` into `entries`, keeping the first error: visiting cannot stop early, and the
/// entries after a failure are skipped. The erased path of an error that is a trait object.
pub(crate) fn visit_into<E: Entries>(
    fields: &dyn DetailFields,
    entries: &mut E,
) -> Result<(), E::Error> {
    let mut visitor = VisitInto {
        entries,
        error: None,
    };
    fields.visit_details(&mut visitor);
    visitor.error.map_or(Ok(()), Err)
}

struct VisitInto<'e, E: Entries> {
    entries: &'e mut E,
    error: Option<E::Error>,
}

impl<E: Entries> VisitInto<'_, E> {
    /// Writes one entry, unless an earlier one failed; keeps the first failure.
    #[inline]
    fn write(&mut self, entry: impl FnOnce(&mut E) -> Result<(), E::Error>) {
        if self.error.is_none()
            && let Err(error) = entry(self.entries)
        {
            self.error = Some(error);
        }
    }
}

impl<E: Entries> DetailVisitor for VisitInto<'_, E> {
    #[inline]
    fn detail(&mut self, name: &'static str, value: &dyn DetailValue) {
        self.write(|entries| entries.entry(name, value));
    }

    #[inline]
    fn detail_str(&mut self, name: &'static str, value: &str) {
        self.write(|entries| entries.entry_str(name, value));
    }

    #[inline]
    fn detail_u64(&mut self, name: &'static str, value: u64) {
        self.write(|entries| entries.entry_u64(name, value));
    }

    #[inline]
    fn detail_i64(&mut self, name: &'static str, value: i64) {
        self.write(|entries| entries.entry_i64(name, value));
    }

    #[inline]
    fn detail_bool(&mut self, name: &'static str, value: bool) {
        self.write(|entries| entries.entry_bool(name, value));
    }
}

/// The entries of a nested details object (`"details": {...}`): every one, as it comes.
struct IntoNested<'m, M>(&'m mut M);

impl<M: SerializeMap> Entries for IntoNested<'_, M> {
    type Error = M::Error;

    #[inline]
    fn entry<T: Detail + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(name, value)
    }

    /// Never reached: a visitor hands over named entries only.
    fn object<T: Detail + ?Sized>(&mut self, _: &T) -> Result<(), M::Error> {
        Err(serde::ser::Error::custom("a details object inside details"))
    }

    fn details(&mut self, details: &Details<'_>) -> Result<(), M::Error> {
        match details {
            Details::Fields(fields) => visit_into(*fields, self),
            Details::None | Details::Object(_) => Ok(()),
        }
    }
}
