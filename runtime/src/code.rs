//! The machine code of an error: a string, an integer, or none at all.

use core::fmt;

use serde::{Serialize, Serializer};

/// A stable machine-readable error code.
///
/// APIs disagree on what a code is: Verilock writes `"validation_error"`, Verto numbers its errors,
/// and some APIs publish no code at all (then [`ApiError::code`](crate::ApiError::code) is `None`).
/// A code serializes as a JSON string or a JSON number accordingly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A textual code such as `"rate_limit_exceeded"`.
    Str(&'static str),
    /// A numeric code such as Verto's `1001`.
    Int(i64),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Str(code) => f.write_str(code),
            Code::Int(code) => fmt::Display::fmt(code, f),
        }
    }
}

impl Serialize for Code {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Str(code) => serializer.serialize_str(code),
            Code::Int(code) => serializer.serialize_i64(*code),
        }
    }
}
