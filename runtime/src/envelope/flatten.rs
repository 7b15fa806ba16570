//! Flattening details into an object that is already open, as RFC 9457 extension members:
//! named entries one by one, or a whole details object through a serializer that forwards its
//! entries; an entry named like one of the object's own members is left out.

use core::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::details::{Detail, DetailFields, Details, Entries, visit_into};

/// The names of the members an object writes itself, which details flattened into it must not
/// shadow, with a filter computed when compiling: most names are told apart from all of them by
/// their length and first and last bytes, without comparing text.
#[derive(Debug)]
pub struct Reserved {
    names: &'static [&'static str],
    filter: u128,
}

impl Reserved {
    /// Nothing reserved.
    pub const NONE: Reserved = Reserved::new(&[]);

    /// `names`, and their filter.
    pub const fn new(names: &'static [&'static str]) -> Reserved {
        let mut filter = 0;
        let mut at = 0;
        while at < names.len() {
            filter |= 1 << Reserved::bucket(names[at].as_bytes());
            at += 1;
        }
        Reserved { names, filter }
    }

    const fn bucket(name: &[u8]) -> u32 {
        let (first, last) = match name {
            [] => (0, 0),
            [first, .., last] => (*first as usize, *last as usize),
            [only] => (*only as usize, *only as usize),
        };
        ((name.len() + 3 * first + 5 * last) % 128) as u32
    }

    /// Whether `name` is one of the names.
    #[inline]
    pub fn contains(&self, name: &str) -> bool {
        self.filter != 0
            && self.filter & (1 << Reserved::bucket(name.as_bytes())) != 0
            && self.names.contains(&name)
    }
}

/// Writes `details` as members of the open object `map`, leaving out any entry whose name is in
/// `reserved` (the members the envelope itself writes there), so that details never shadow them.
///
/// A [`Details::Object`] must serialize as a map or a struct to be flattened; otherwise this
/// fails, and the response is the envelope's failsafe 500.
#[inline]
pub fn details<M: SerializeMap>(
    details: &Details<'_>,
    map: &mut M,
    reserved: &Reserved,
) -> Result<(), M::Error> {
    match *details {
        Details::None => Ok(()),
        Details::Fields(entries) => fields(entries, map, reserved),
        Details::Object(object) => object.serialize(FlattenInto { map, reserved }),
    }
}

/// A derived error's entries written as members of the open object `map`, leaving out the
/// `reserved` names: each by its own type, so that after inlining what is left is the
/// `serialize_entry` a hand-written impl makes.
pub struct IntoMap<'m, 'r, M> {
    pub(crate) map: &'m mut M,
    pub(crate) reserved: &'r Reserved,
}

impl<M: SerializeMap> Entries for IntoMap<'_, '_, M> {
    type Error = M::Error;

    #[inline]
    fn entry<T: Detail + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), M::Error> {
        if self.reserved.contains(name) {
            return Ok(());
        }
        self.map.serialize_entry(name, value)
    }

    #[inline]
    fn object<T: Detail + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        value.serialize(FlattenInto {
            map: &mut *self.map,
            reserved: self.reserved,
        })
    }

    fn details(&mut self, details: &Details<'_>) -> Result<(), M::Error> {
        self::details(details, self.map, self.reserved)
    }
}

/// Writes named entries as members of the open object `map`, leaving out the `reserved` names.
#[inline]
pub(crate) fn fields<M: SerializeMap>(
    fields: &dyn DetailFields,
    map: &mut M,
    reserved: &Reserved,
) -> Result<(), M::Error> {
    visit_into(fields, &mut IntoMap { map, reserved })
}

/// A serializer that writes the entries of a map or struct into an enclosing, already open map.
struct FlattenInto<'m, 'r, M> {
    map: &'m mut M,
    reserved: &'r Reserved,
}

/// Tells whether a serialized map key is one of the reserved member names, without allocating.
struct KeyMatcher<'r> {
    reserved: &'r Reserved,
}

fn not_flattenable<E: serde::ser::Error>(what: &str) -> E {
    E::custom(format_args!(
        "details to flatten must be a map or a struct, not {what}"
    ))
}

/// The methods of a `Serializer` that refuses what they serialize, each with its error.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ok:ty = $error:expr;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Self::Error> {
            Err($error)
        })*
    };
}

impl<'m, 'r, M: SerializeMap> Serializer for FlattenInto<'m, 'r, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = serde::ser::Impossible<(), M::Error>;
    type SerializeTuple = serde::ser::Impossible<(), M::Error>;
    type SerializeTupleStruct = serde::ser::Impossible<(), M::Error>;
    type SerializeTupleVariant = serde::ser::Impossible<(), M::Error>;
    type SerializeMap = FlatMap<'m, 'r, M>;
    type SerializeStruct = FlatMap<'m, 'r, M>;
    type SerializeStructVariant = serde::ser::Impossible<(), M::Error>;

    refuse! {
    serialize_bool(bool) -> () = not_flattenable("a boolean");
    serialize_i8(i8) -> () = not_flattenable("an integer");
    serialize_i16(i16) -> () = not_flattenable("an integer");
    serialize_i32(i32) -> () = not_flattenable("an integer");
    serialize_i64(i64) -> () = not_flattenable("an integer");
    serialize_u8(u8) -> () = not_flattenable("an integer");
    serialize_u16(u16) -> () = not_flattenable("an integer");
    serialize_u32(u32) -> () = not_flattenable("an integer");
    serialize_u64(u64) -> () = not_flattenable("an integer");
    serialize_f32(f32) -> () = not_flattenable("a float");
    serialize_f64(f64) -> () = not_flattenable("a float");
    serialize_char(char) -> () = not_flattenable("a char");
    serialize_str(&str) -> () = not_flattenable("a string");
    serialize_bytes(&[u8]) -> () = not_flattenable("bytes");
    serialize_unit_variant(&'static str, u32, &'static str) -> () = not_flattenable("an enum variant");
    serialize_seq(Option<usize>) -> Self::SerializeSeq = not_flattenable("a sequence");
    serialize_tuple(usize) -> Self::SerializeTuple = not_flattenable("a tuple");
    serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct = not_flattenable("a tuple struct");
    serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant = not_flattenable("an enum variant");
    serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant = not_flattenable("an enum variant");
    }

    fn serialize_none(self) -> Result<(), M::Error> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), M::Error> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), M::Error> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), M::Error> {
        Err(not_flattenable("an enum variant"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, M::Error> {
        Ok(FlatMap {
            map: self.map,
            reserved: self.reserved,
            skip_value: false,
        })
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, M::Error> {
        Ok(FlatMap {
            map: self.map,
            reserved: self.reserved,
            skip_value: false,
        })
    }
}

struct FlatMap<'m, 'r, M> {
    map: &'m mut M,
    reserved: &'r Reserved,
    skip_value: bool,
}

impl<M: SerializeMap> SerializeMap for FlatMap<'_, '_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        self.skip_value = key
            .serialize(KeyMatcher {
                reserved: self.reserved,
            })
            .unwrap_or(false);
        if self.skip_value {
            Ok(())
        } else {
            self.map.serialize_key(key)
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        if self.skip_value {
            Ok(())
        } else {
            self.map.serialize_value(value)
        }
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

impl<M: SerializeMap> serde::ser::SerializeStruct for FlatMap<'_, '_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        if self.reserved.contains(key) {
            Ok(())
        } else {
            self.map.serialize_entry(key, value)
        }
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

/// The error of [`KeyMatcher`] for keys that are not strings: such keys are never reserved.
#[derive(Debug)]
struct NotAString;

impl fmt::Display for NotAString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a string key")
    }
}

impl std::error::Error for NotAString {}

impl serde::ser::Error for NotAString {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotAString
    }
}

impl Serializer for KeyMatcher<'_> {
    type Ok = bool;
    type Error = NotAString;
    type SerializeSeq = serde::ser::Impossible<bool, NotAString>;
    type SerializeTuple = serde::ser::Impossible<bool, NotAString>;
    type SerializeTupleStruct = serde::ser::Impossible<bool, NotAString>;
    type SerializeTupleVariant = serde::ser::Impossible<bool, NotAString>;
    type SerializeMap = serde::ser::Impossible<bool, NotAString>;
    type SerializeStruct = serde::ser::Impossible<bool, NotAString>;
    type SerializeStructVariant = serde::ser::Impossible<bool, NotAString>;

    fn serialize_str(self, key: &str) -> Result<bool, NotAString> {
        Ok(self.reserved.contains(key))
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<bool, NotAString> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<bool, NotAString> {
        value.serialize(self)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<bool, NotAString> {
        Err(NotAString)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<bool, NotAString> {
        Err(NotAString)
    }

    refuse! {
    serialize_bool(bool) -> bool = NotAString;
    serialize_i8(i8) -> bool = NotAString;
    serialize_i16(i16) -> bool = NotAString;
    serialize_i32(i32) -> bool = NotAString;
    serialize_i64(i64) -> bool = NotAString;
    serialize_u8(u8) -> bool = NotAString;
    serialize_u16(u16) -> bool = NotAString;
    serialize_u32(u32) -> bool = NotAString;
    serialize_u64(u64) -> bool = NotAString;
    serialize_f32(f32) -> bool = NotAString;
    serialize_f64(f64) -> bool = NotAString;
    serialize_char(char) -> bool = NotAString;
    serialize_bytes(&[u8]) -> bool = NotAString;
    serialize_none() -> bool = NotAString;
    serialize_unit() -> bool = NotAString;
    serialize_unit_struct(&'static str) -> bool = NotAString;
    serialize_seq(Option<usize>) -> Self::SerializeSeq = NotAString;
    serialize_tuple(usize) -> Self::SerializeTuple = NotAString;
    serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct = NotAString;
    serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant = NotAString;
    serialize_map(Option<usize>) -> Self::SerializeMap = NotAString;
    serialize_struct(&'static str, usize) -> Self::SerializeStruct = NotAString;
    serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant = NotAString;
    }
}
