//! The message: `"Retry after {retry_after} seconds"`, `"{0:>8}"`, a format string over the
//! fields, its syntax checked here; whether its placeholders name real fields, in `valid.rs`.

use proc_macro2::Span;
use syn::{Ident, LitStr, Member};

#[derive(Clone)]
pub struct Message {
    pub span: Span,
    pub source: String,
    pub pieces: Vec<Piece>,
}

#[derive(Clone)]
pub enum Piece {
    Text(String),
    Field(Placeholder),
}

#[derive(Clone)]
pub struct Placeholder {
    pub name: FieldName,
    /// The format spec after `:`, empty for plain `{name}`.
    pub spec: String,
}

#[derive(Clone, PartialEq, Eq)]
pub enum FieldName {
    Named(String),
    Index(usize),
}

impl FieldName {
    /// The field this placeholder names, as syn writes a field access.
    pub fn member(&self, span: Span) -> Member {
        match self {
            FieldName::Named(name) => Member::Named(Ident::new(name, span)),
            FieldName::Index(index) => Member::Unnamed(syn::Index {
                index: *index as u32,
                span,
            }),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            FieldName::Named(name) => format!("{{{name}}}"),
            FieldName::Index(index) => format!("{{{index}}}"),
        }
    }
}

/// The formatting trait a spec asks for, e.g. `Debug` for `{0:?}`.
pub fn format_trait(spec: &str) -> &'static str {
    match spec
        .trim_start_matches(|c: char| !c.is_ascii_alphabetic() && c != '?')
        .chars()
        .last()
    {
        Some('?') => "Debug",
        Some('x') => "LowerHex",
        Some('X') => "UpperHex",
        Some('o') => "Octal",
        Some('b') => "Binary",
        Some('e') => "LowerExp",
        Some('E') => "UpperExp",
        _ => "Display",
    }
}

impl Message {
    pub fn parse(lit: &LitStr) -> syn::Result<Self> {
        let source = lit.value();
        let error = |message: String| syn::Error::new(lit.span(), message);
        if source.trim().is_empty() {
            return Err(error(
                "empty message; write the public message, or remove `message` to send the reason phrase".into(),
            ));
        }
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => {
                    return Err(error(
                        "unmatched `}` in message; write `}}` for a literal brace".into(),
                    ));
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => {
                                return Err(error("unclosed `{` in message; close the placeholder, or write `{{` for a literal brace".into()));
                            }
                        }
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(parse_placeholder(&inner).map_err(error)?));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Message {
            span: lit.span(),
            source,
            pieces,
        })
    }

    pub fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Field(placeholder) => Some(placeholder),
            Piece::Text(_) => None,
        })
    }
}

fn parse_placeholder(inner: &str) -> Result<Placeholder, String> {
    let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
    let name = name.trim();
    let name = if name.is_empty() {
        return Err(format!(
            "empty placeholder `{{{inner}}}` in message; name the field: `{{field}}` or `{{0}}`"
        ));
    } else if name.chars().all(|c| c.is_ascii_digit()) {
        let index: u32 = name
            .parse()
            .map_err(|_| format!("placeholder `{{{name}}}` is not a field index"))?;
        FieldName::Index(index as usize)
    } else if is_identifier(name) {
        FieldName::Named(name.to_owned())
    } else {
        return Err(format!(
            "`{{{inner}}}` in message does not name a field; write `{{field}}` or `{{0}}`"
        ));
    };
    check_spec(spec).map_err(|why| {
        format!(
            "bad format spec `:{spec}` in message: {why}; e.g. `{{id:>8}}`, `{{0:?}}`, `{{n:.2}}`"
        )
    })?;
    Ok(Placeholder {
        name,
        spec: spec.to_owned(),
    })
}

/// Rust's own rule (UAX #31, as rustc applies it), so that every name that passes is an `Ident`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| unicode_ident::is_xid_start(c) || c == '_')
        && chars.all(unicode_ident::is_xid_continue)
}

/// `[[fill]align][sign][#][0][width][.precision][type]`, with width and precision as numbers.
fn check_spec(spec: &str) -> Result<(), &'static str> {
    let mut rest = spec;
    let mut chars = rest.chars();
    let first = chars.next();
    let second = chars.next();
    if second.is_some_and(|c| "<^>".contains(c)) {
        rest = &rest[first.map_or(0, char::len_utf8) + 1..];
    } else if first.is_some_and(|c| "<^>".contains(c)) {
        rest = &rest[1..];
    }
    rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    rest = rest.strip_prefix('#').unwrap_or(rest);
    rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    if let Some(precision) = rest.strip_prefix('.') {
        let digits = precision.len()
            - precision
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        if digits == 0 {
            return Err("precision must be a number");
        }
        rest = &precision[digits..];
    }
    if rest.contains(['$', '*']) {
        return Err("width and precision must be numbers here");
    }
    match rest {
        "" | "?" | "x?" | "X?" | "x" | "X" | "o" | "b" | "e" | "E" => Ok(()),
        _ => Err("unknown format type"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<Message, String> {
        Message::parse(&LitStr::new(source, Span::call_site())).map_err(|error| error.to_string())
    }

    fn parse_error(source: &str) -> String {
        parse(source).err().unwrap_or_default()
    }

    #[test]
    fn splits_text_and_placeholders() {
        let template =
            parse("Room {room_id} ({0:>8}) {{literal}}").unwrap_or_else(|error| panic!("{error}"));
        let described: Vec<String> = template
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => format!("text {text}"),
                Piece::Field(field) => {
                    format!("field {} spec {}", field.name.describe(), field.spec)
                }
            })
            .collect();
        assert_eq!(
            described,
            [
                "text Room ",
                "field {room_id} spec ",
                "text  (",
                "field {0} spec >8",
                "text ) {literal}"
            ]
        );
    }

    #[test]
    fn accepts_the_specs_of_format() {
        for spec in [
            "", "?", "#?", ">8", "*^10", "+.2", "08.3e", "x", "#X", "<5?", "x?",
        ] {
            assert!(check_spec(spec).is_ok(), "{spec}");
        }
        for spec in ["z", "1$", ".*", "..", "8.", "?x"] {
            assert!(check_spec(spec).is_err(), "{spec}");
        }
    }

    #[test]
    fn rejects_malformed_templates() {
        assert!(parse_error("{}").contains("empty placeholder"));
        assert!(parse_error("a } b").contains("unmatched `}`"));
        assert!(parse_error("{open").contains("unclosed `{`"));
        assert!(parse_error("{a-b}").contains("does not name a field"));
        assert!(parse_error("{a²}").contains("does not name a field"));
        assert!(parse_error("{ⸯ}").contains("does not name a field"));
        assert!(parse_error("{4294967296}").contains("is not a field index"));
        assert!(parse_error("").contains("empty message"));
        assert!(parse("{café} {_x} {0}").is_ok());
    }

    #[test]
    fn names_the_trait_a_spec_needs() {
        assert_eq!(format_trait(""), "Display");
        assert_eq!(format_trait(">8"), "Display");
        assert_eq!(format_trait("#?"), "Debug");
        assert_eq!(format_trait("x?"), "Debug");
        assert_eq!(format_trait("08X"), "UpperHex");
    }
}
