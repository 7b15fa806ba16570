//! The catalog's facts read from the input where the attributes do not state them: a field's
//! JSON type and a header's kind from the Rust type, a variant's deprecation from `#[deprecated]`.

use syn::{Attribute, GenericArgument, Lit, PathArguments, Type};

use crate::ast::Field;

/// The runtime's `JsonType` variant of a Rust type, and whether it is nullable.
pub fn json_type(ty: &Type) -> (&'static str, bool) {
    match ty {
        Type::Reference(reference) => json_type(&reference.elem),
        Type::Paren(paren) => json_type(&paren.elem),
        Type::Group(group) => json_type(&group.elem),
        Type::Slice(_) | Type::Array(_) => ("Array", false),
        Type::Tuple(tuple) if tuple.elems.is_empty() => ("Any", true),
        Type::Tuple(_) => ("Array", false),
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return ("Any", false);
            };
            let name = last.ident.to_string();
            if let Some(inner) = single_argument(&last.arguments) {
                match name.as_str() {
                    "Option" => return (json_type(inner).0, true),
                    "Box" | "Arc" | "Rc" | "Cow" => return json_type(inner),
                    _ => {}
                }
            }
            let kind = match name.as_str() {
                "String" | "str" | "char" | "Cow" => "String",
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64"
                | "i128" | "isize" => "Integer",
                _ if name.starts_with("NonZero") => "Integer",
                "f32" | "f64" => "Number",
                "bool" => "Boolean",
                "Vec" | "VecDeque" | "HashSet" | "BTreeSet" | "IndexSet" | "LinkedList" => "Array",
                "HashMap" | "BTreeMap" | "IndexMap" | "Map" | "Duration" | "SystemTime" => "Object",
                _ => "Any",
            };
            (kind, false)
        }
        _ => ("Any", false),
    }
}

/// A primitive type a detail's typed `Entries` method takes as is.
#[derive(Clone, Copy)]
pub enum Primitive {
    /// `u8` to `u64`: `entry_u64`; `narrow` below 64 bits.
    Unsigned { narrow: bool },
    /// `i8` to `i64`: `entry_i64`; `narrow` below 64 bits.
    Signed { narrow: bool },
    /// `bool`: `entry_bool`.
    Bool,
    /// `&str`: `entry_str`.
    Str,
}

impl Primitive {
    /// The `Entries` method for a value of this type.
    pub fn entries_method(self) -> &'static str {
        match self {
            Primitive::Unsigned { .. } => "entry_u64",
            Primitive::Signed { .. } => "entry_i64",
            Primitive::Bool => "entry_bool",
            Primitive::Str => "entry_str",
        }
    }

    /// The integer type a narrower value is widened to with `From`, for the method; `None`
    /// when it is passed as it is (a plain `From::from` would cost type inference per field).
    pub fn widened_to(self) -> Option<&'static str> {
        match self {
            Primitive::Unsigned { narrow: true } => Some("u64"),
            Primitive::Signed { narrow: true } => Some("i64"),
            _ => None,
        }
    }
}

/// The primitive `ty` is, as written: not a prelude name such as `String`, which a crate may
/// shadow, only the language's own (a crate that names a type `u64` is warned of it).
pub fn primitive(ty: &Type) -> Option<Primitive> {
    match ty {
        Type::Reference(reference) if reference.mutability.is_none() => match &*reference.elem {
            Type::Path(path) if path.qself.is_none() && path.path.is_ident("str") => {
                Some(Primitive::Str)
            }
            _ => None,
        },
        Type::Path(path) if path.qself.is_none() => {
            let ident = path.path.get_ident()?.to_string();
            match ident.as_str() {
                "u8" | "u16" | "u32" => Some(Primitive::Unsigned { narrow: true }),
                "u64" => Some(Primitive::Unsigned { narrow: false }),
                "i8" | "i16" | "i32" => Some(Primitive::Signed { narrow: true }),
                "i64" => Some(Primitive::Signed { narrow: false }),
                "bool" => Some(Primitive::Bool),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The runtime's `HeaderKind` variant of a header taken from a field of this type.
pub fn header_kind(ty: &Type) -> &'static str {
    match ty {
        Type::Reference(reference) => header_kind(&reference.elem),
        Type::Paren(paren) => header_kind(&paren.elem),
        Type::Group(group) => header_kind(&group.elem),
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return "Text";
            };
            if last.ident == "Option"
                && let Some(inner) = single_argument(&last.arguments)
            {
                return header_kind(inner);
            }
            match (last.ident.to_string().as_str(), json_type(ty).0) {
                ("Duration", _) | (_, "Integer") => "DelaySeconds",
                ("SystemTime", _) => "HttpDate",
                _ => "Text",
            }
        }
        _ => "Text",
    }
}

fn single_argument(arguments: &PathArguments) -> Option<&Type> {
    let PathArguments::AngleBracketed(arguments) = arguments else {
        return None;
    };
    arguments.args.iter().find_map(|argument| match argument {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// `Some(note)` for an item marked `#[deprecated]`; the note is empty without one.
pub fn deprecation(attrs: &[Attribute]) -> Option<String> {
    let attr = attrs
        .iter()
        .find(|attr| attr.path().is_ident("deprecated"))?;
    let note = match &attr.meta {
        syn::Meta::NameValue(value) => string_literal(&value.value),
        syn::Meta::List(_) => {
            let mut note = None;
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("note") {
                    note = string_literal(&meta.value()?.parse()?);
                } else if meta.input.peek(syn::Token![=]) {
                    let _: syn::Expr = meta.value()?.parse()?;
                }
                Ok(())
            });
            note
        }
        syn::Meta::Path(_) => None,
    };
    Some(note.unwrap_or_default())
}

fn string_literal(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    }
}

/// The JSON text of a field's `#[api(example = ...)]`, checked against the field's type: a
/// string is the string itself for a string field, and JSON text for the whole details object
/// or a field of an array, object or unknown type.
pub fn example_json(field: &Field) -> syn::Result<Option<String>> {
    let Some(example) = field.attrs.example.get() else {
        return Ok(None);
    };
    let (kind, _) = json_type(field.ty());
    let sign = if example.negative { "-" } else { "" };
    let mismatch = |what: &str, fix: &str| {
        syn::Error::new(
            example.lit.span(),
            format!("this field serializes as {what}, so its example must be one: write `{fix}`"),
        )
    };
    let json = match (&example.lit, kind) {
        (Lit::Str(text), "String") if !field.attrs.details.is_set() => {
            serde_json::to_string(&text.value())
                .map_err(|_| mismatch("a string", "example = \"math-101\""))?
        }
        (Lit::Str(_), "Integer") => return Err(mismatch("an integer", "example = 30")),
        (Lit::Str(_), "Number") => return Err(mismatch("a number", "example = 2.5")),
        (Lit::Str(_), "Boolean") => return Err(mismatch("a boolean", "example = true")),
        (Lit::Str(text), _) => {
            let json = text.value();
            let parsed: serde_json::Value = serde_json::from_str(&json).map_err(|error| {
                syn::Error::new(
                    text.span(),
                    format!(
                        "the example of this field is JSON text, and this is not JSON ({error}); write e.g. `example = r#\"{{\"name\": [\"is required\"]}}\"#`"
                    ),
                )
            })?;
            match (kind, &parsed) {
                ("Array", value) if !value.is_array() => {
                    return Err(mismatch("an array", "example = \"[1, 2]\""));
                }
                ("Object", value) if !value.is_object() => {
                    return Err(mismatch("an object", "example = r#\"{\"name\": 1}\"#"));
                }
                _ => json.trim().to_owned(),
            }
        }
        (Lit::Int(int), "Integer" | "Number" | "Any") if int.suffix().is_empty() => {
            format!("{sign}{}", int.base10_digits())
        }
        (Lit::Float(float), "Number" | "Any") if float.suffix().is_empty() => {
            let value: f64 = float.base10_parse()?;
            let value = if example.negative { -value } else { value };
            serde_json::to_string(&value)
                .map_err(|_| mismatch("a finite number", "example = 2.5"))?
        }
        (Lit::Bool(value), "Boolean" | "Any") => value.value.to_string(),
        (_, "String") => return Err(mismatch("a string", "example = \"math-101\"")),
        (_, "Integer") => return Err(mismatch("an integer", "example = 30")),
        (_, "Number") => return Err(mismatch("a number", "example = 2.5")),
        (_, "Boolean") => return Err(mismatch("a boolean", "example = true")),
        _ => return Err(mismatch("JSON", "example = \"\\\"pending\\\"\"")),
    };
    Ok(Some(json))
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::*;

    #[test]
    fn reads_json_types_from_rust_types() {
        let cases: Vec<(Type, &str, bool)> = vec![
            (parse_quote!(String), "String", false),
            (parse_quote!(&'a str), "String", false),
            (parse_quote!(Option<u64>), "Integer", true),
            (parse_quote!(std::num::NonZeroU32), "Integer", false),
            (parse_quote!(f64), "Number", false),
            (parse_quote!(Vec<String>), "Array", false),
            (
                parse_quote!(BTreeMap<&'static str, Vec<&'static str>>),
                "Object",
                false,
            ),
            (parse_quote!(Box<bool>), "Boolean", false),
            (parse_quote!(MyType), "Any", false),
        ];
        for (ty, kind, nullable) in cases {
            assert_eq!(json_type(&ty), (kind, nullable), "{}", quote::quote!(#ty));
        }
    }

    #[test]
    fn reads_header_kinds_from_rust_types() {
        assert_eq!(header_kind(&parse_quote!(u64)), "DelaySeconds");
        assert_eq!(
            header_kind(&parse_quote!(std::time::Duration)),
            "DelaySeconds"
        );
        assert_eq!(header_kind(&parse_quote!(Option<SystemTime>)), "HttpDate");
        assert_eq!(header_kind(&parse_quote!(String)), "Text");
    }

    #[test]
    fn reads_deprecation_notes() {
        let with_note: syn::Variant = parse_quote!(
            #[deprecated(since = "0.2", note = "use B")]
            A
        );
        assert_eq!(deprecation(&with_note.attrs), Some("use B".to_owned()));
        let plain: syn::Variant = parse_quote!(
            #[deprecated]
            A
        );
        assert_eq!(deprecation(&plain.attrs), Some(String::new()));
        let named: syn::Variant = parse_quote!(
            #[deprecated = "gone"]
            A
        );
        assert_eq!(deprecation(&named.attrs), Some("gone".to_owned()));
        let none: syn::Variant = parse_quote!(A);
        assert_eq!(deprecation(&none.attrs), None);
    }
}
