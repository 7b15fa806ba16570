//! Generated code written as Rust source text and lexed by the compiler in one call, for the
//! parts with a row per variant that carry none of the user's spans: the plain
//! catalog entries, and the match arms over fields of primitive types, where no diagnostic can
//! point.
//!
//! Built token by token, each such row costs dozens of calls across the proc-macro bridge, made
//! by the derive's own code, which a debug build runs unoptimized; written as text, the
//! formatting runs in the optimized standard library and the compiler lexes the whole at once.
//! For a 1000-variant enum that is most of the derive's run.

use core::fmt::{self, Display, Write};

use proc_macro2::TokenStream;
use syn::Member;
use syn::ext::IdentExt;

use crate::ast::{Field, Input, Variant};
use crate::attr::CodeValue;
use crate::status;

/// Rust source being written.
#[derive(Default)]
pub(super) struct Source(String);

impl Source {
    /// Appends formatted source: `source.push(format_args!(...))`.
    pub(super) fn push(&mut self, source: fmt::Arguments<'_>) {
        // Writing into a `String` cannot fail.
        let _ = self.0.write_fmt(source);
    }

    /// The tokens of the source, lexed by the compiler, every one at the call site; the source
    /// is emptied.
    pub(super) fn take_tokens(&mut self) -> TokenStream {
        let source = core::mem::take(&mut self.0);
        let invalid =
            |error: &dyn Display| -> ! { panic!("errwire wrote invalid Rust ({error}): {source}") };
        // `proc_macro2`'s own parse first checks the text with a lexer of its own, which would
        // run unoptimized; the compiler's is called directly. Outside a macro (the derive's unit
        // tests) only `proc_macro2`'s is there.
        if proc_macro::is_available() {
            match source.parse::<proc_macro::TokenStream>() {
                Ok(tokens) => tokens.into(),
                Err(error) => invalid(&error),
            }
        } else {
            match source.parse() {
                Ok(tokens) => tokens,
                Err(error) => invalid(&error),
            }
        }
    }
}

/// `text` as a Rust string literal: `Debug` of a `str` escapes it as the language does.
pub(super) struct Str<'a>(pub &'a str);

impl Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// `__Some(value)` or `__None`, for a block that imports them under these names.
pub(super) struct Opt<T>(pub Option<T>);

impl<T: Display> Display for Opt<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(value) => write!(f, "__Some({value})"),
            None => f.write_str("__None"),
        }
    }
}

/// `__Code::Str("...")` or `__Code::Int(...)`, for a block that imports `Code` as `__Code`.
pub(super) struct Code<'a>(pub &'a CodeValue);

impl Display for Code<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            CodeValue::Str(code) => write!(f, "__Code::Str({:?})", code),
            CodeValue::Int(code) => write!(f, "__Code::Int({code})"),
        }
    }
}

/// The status `number` as a constant of `krate` (the errwire path, as text): `StatusCode::NAME`
/// where the `http` crate names it, else a checked constant.
pub(super) struct Status<'a> {
    pub krate: &'a str,
    pub number: u16,
}

impl Display for Status<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Status { krate, number } = self;
        match status::constant_name(*number) {
            Some(name) => write!(f, "{krate}::__private::StatusCode::{name}"),
            None => write!(f, "{krate}::__private::Status::<{number}>::CODE"),
        }
    }
}

/// The pattern of `variant` binding `fields`: `Type::Variant { a: __f_a, .. }`, as `Input::path`
/// names it.
pub(super) struct Pattern<'a>(
    pub &'a Input<'a>,
    pub &'a Variant<'a>,
    pub &'a [&'a Field<'a>],
);

impl Display for Pattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Pattern(input, variant, fields) = self;
        if input.is_enum {
            write!(f, "{}::{} {{ ", input.original.ident, variant.ident)?;
        } else {
            f.write_str("Self { ")?;
        }
        for field in *fields {
            match &field.member {
                Member::Named(ident) => write!(f, "{ident}: {}, ", Binding(field))?,
                Member::Unnamed(index) => write!(f, "{}: {}, ", index.index, Binding(field))?,
            }
        }
        f.write_str(".. }")
    }
}

/// The local a field is bound to in a match arm: `__f_name`, `__f_0`.
pub(super) struct Binding<'a>(pub &'a Field<'a>);

impl Display for Binding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.member {
            Member::Named(ident) => write!(f, "__f_{}", ident.unraw()),
            Member::Unnamed(index) => write!(f, "__f_{}", index.index),
        }
    }
}
