//! A detail whose JSON text is a plain scalar (a string without escapes, an unsigned integer of
//! at most 19 digits, a boolean, `null`), handed to the field's type as itself rather than
//! through a JSON parser: the same visits `serde_json` makes for that text, in fewer steps.

use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

/// A scalar's value, read from its JSON text.
#[derive(Clone, Copy)]
pub(crate) enum Scalar<'a> {
    Str(&'a str),
    U64(u64),
    Bool(bool),
    Null,
}

impl<'a> Scalar<'a> {
    /// The scalar the valid JSON text `json` is; `None` for any other text, which `serde_json`
    /// reads.
    pub(crate) fn of(json: &'a str) -> Option<Self> {
        match json.as_bytes() {
            b"null" => Some(Scalar::Null),
            b"true" => Some(Scalar::Bool(true)),
            b"false" => Some(Scalar::Bool(false)),
            // Valid JSON holds no raw control character in a string, so without a backslash
            // the text between the quotes is the string.
            [b'"', inner @ .., b'"'] if !has_backslash(inner) => {
                json.get(1..json.len() - 1).map(Scalar::Str)
            }
            [b'0'] => Some(Scalar::U64(0)),
            [b'1'..=b'9', rest @ ..] if rest.len() < 19 && rest.iter().all(u8::is_ascii_digit) => {
                json.parse().ok().map(Scalar::U64)
            }
            _ => None,
        }
    }
}

/// Whether `bytes` hold a backslash, looked for eight bytes at a time. A detail's string is short,
/// where `memchr`'s call and setup cost more than this loop.
#[inline]
fn has_backslash(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const BACKSLASHES: u64 = u64::from_ne_bytes([b'\\'; 8]);
    // A byte of the word is a backslash where that byte of `word ^ BACKSLASHES` is zero.
    let any = |chunk: &[u8]| {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8])) ^ BACKSLASHES;
        word.wrapping_sub(ONES) & !word & HIGHS != 0
    };
    if bytes.len() < 8 {
        return bytes.contains(&b'\\');
    }
    // The last word overlaps the chunks, covering what they leave over.
    bytes.chunks_exact(8).any(any) || any(&bytes[bytes.len() - 8..])
}

// Every visit hands over a transient string, never a borrowed one, so the impl holds for any
// `'de`: a `Deserialize<'static>` field reads from it as from an owned value.
impl<'de> Deserializer<'de> for Scalar<'_> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Scalar::Str(text) => visitor.visit_str(text),
            Scalar::U64(number) => visitor.visit_u64(number),
            Scalar::Bool(value) => visitor.visit_bool(value),
            Scalar::Null => visitor.visit_unit(),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Scalar::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Scalar::Str(text) => {
                let text: de::value::StrDeserializer<'_, Self::Error> = text.into_deserializer();
                visitor.visit_enum(text)
            }
            other => other.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::fmt::Debug;

    use serde::Deserialize;

    use super::Scalar;

    #[derive(Debug, Deserialize)]
    enum Kind {
        Room,
        Seat,
    }

    /// A newtype, compared by its `Debug`.
    #[derive(Debug, Deserialize)]
    struct Id(#[allow(dead_code)] String);

    /// What `T` reads from `json` through `Scalar`, and through `serde_json`, as text.
    fn both<T: for<'de> Deserialize<'de> + Debug>(json: &str) -> (String, String) {
        let scalar = Scalar::of(json).unwrap_or_else(|| panic!("{json} is a scalar"));
        let ours = T::deserialize(scalar).map_err(drop);
        let theirs = serde_json::from_str::<T>(json).map_err(drop);
        (format!("{ours:?}"), format!("{theirs:?}"))
    }

    #[test]
    fn every_type_reads_a_scalar_as_serde_json_does() {
        let texts = [
            r#""math-101""#,
            r#""""#,
            r#""Room""#,
            r#""é ü 漢""#,
            r#""x""#,
            "0",
            "14",
            "9999999999999999999",
            "true",
            "false",
            "null",
        ];
        for json in texts {
            for (ours, theirs) in [
                both::<String>(json),
                both::<Option<String>>(json),
                both::<u64>(json),
                both::<u8>(json),
                both::<i64>(json),
                both::<f64>(json),
                both::<Option<u64>>(json),
                both::<bool>(json),
                both::<char>(json),
                both::<()>(json),
                both::<Option<()>>(json),
                both::<Kind>(json),
                both::<Id>(json),
                both::<Vec<String>>(json),
                both::<BTreeMap<String, String>>(json),
                both::<serde_json::Value>(json),
            ] {
                assert_eq!(ours, theirs, "{json}");
            }
        }
    }

    #[test]
    fn other_text_is_left_to_serde_json() {
        for json in [
            r#""a\"b""#,
            "-1",
            "1.5",
            "1e3",
            "01",
            "12345678901234567890",
            "[]",
            "{}",
        ] {
            assert!(Scalar::of(json).is_none(), "{json}");
        }
    }

    #[test]
    fn a_backslash_is_found_at_any_place_in_any_length() {
        for len in 0..40 {
            let plain = vec![b'a'; len];
            assert!(!super::has_backslash(&plain), "none in {len} bytes");
            for at in 0..len {
                let mut text = plain.clone();
                text[at] = b'\\';
                assert!(super::has_backslash(&text), "at {at} of {len}");
                // The bytes a backslash is one bit or one away from are not one.
                for near in [b'\\' ^ 0x80, b'\\' - 1, b'\\' + 1, 0xdc] {
                    text[at] = near;
                    assert!(!super::has_backslash(&text), "{near:#x} at {at} of {len}");
                }
            }
        }
    }
}
