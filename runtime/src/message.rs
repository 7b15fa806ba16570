//! The public message of an error, rendered from its template on demand.

use core::fmt;

use serde::{Serialize, Serializer};

use crate::api_error::ApiError;

/// The public message of an error: formats through [`ApiError::fmt_message`] each time it is
/// displayed or serialized, so it never needs a `String` of its own.
///
/// Returned by [`ApiError::message`].
pub struct Message<'a, E: ?Sized>(pub(crate) &'a E, pub(crate) usize);

impl<'a, E: ApiError + ?Sized> Message<'a, E> {
    /// The message of `error`; for envelopes generic over unsized errors, where
    /// [`ApiError::message`] is not available.
    pub fn new(error: &'a E) -> Self {
        Message(error, 0)
    }
}

impl<E: ApiError + ?Sized> fmt::Display for Message<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            0 => self.0.fmt_message(f),
            locale => self.0.__fmt_message_in(locale, f),
        }
    }
}

impl<E: ApiError + ?Sized> fmt::Debug for Message<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Message")
            .field(&format_args!("{self}"))
            .finish()
    }
}

impl<E: ApiError + ?Sized> Serialize for Message<'_, E> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.__static_message_in(self.1) {
            Some(message) => serializer.serialize_str(message),
            None => serializer.collect_str(self),
        }
    }
}

/// A piece of a message template.
#[cfg(any(
    feature = "docs",
    feature = "openapi",
    feature = "client",
    feature = "typescript"
))]
pub(crate) enum Piece<'a> {
    Text(std::borrow::Cow<'a, str>),
    Field {
        name: &'a str,
        // Read where a message is written or read back, not where it is only listed.
        #[cfg_attr(
            not(any(feature = "docs", feature = "openapi", feature = "client")),
            allow(dead_code)
        )]
        spec: &'a str,
    },
}

/// The pieces of a message template the derive checked: text, `{name}`, `{0:?}`; `{{` is `{`.
#[cfg(any(
    feature = "docs",
    feature = "openapi",
    feature = "client",
    feature = "typescript"
))]
pub(crate) fn template_pieces(template: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        let (text, tail) = rest.split_at(at);
        if !text.is_empty() {
            pieces.push(Piece::Text(text.into()));
        }
        if let Some(after) = tail.strip_prefix("{{") {
            pieces.push(Piece::Text("{".into()));
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            pieces.push(Piece::Text("}".into()));
            rest = after;
        } else if let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) {
            let inner = &tail[1..end];
            let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
            pieces.push(Piece::Field {
                name: name.trim(),
                spec,
            });
            rest = &tail[end + 1..];
        } else {
            pieces.push(Piece::Text(tail[..1].to_owned().into()));
            rest = &tail[1..];
        }
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.into()));
    }
    pieces
}

/// The template as an API's reader sees it: each placeholder `{name}` without the Rust format
/// spec it may have (`{name:?}` is `{name}`), literal braces still doubled.
#[cfg(feature = "docs")]
pub(crate) fn reader_template(template: &str) -> String {
    template_pieces(template)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.replace('{', "{{").replace('}', "}}"),
            Piece::Field { name, .. } => format!("{{{name}}}"),
        })
        .collect()
}

/// The text each `{field}` of `template` stands for in `message`, which `template` wrote; `None`
/// when the message is not the template's, or a field is written with a format spec (`{0:?}`)
/// or right beside another, which cannot be told apart.
#[cfg(feature = "client")]
pub(crate) fn read_back<'m>(template: &str, message: &'m str) -> Option<Vec<(String, &'m str)>> {
    let pieces = template_pieces(template);
    let mut fields = Vec::new();
    let mut rest = message;
    let mut pending: Option<&str> = None;
    for piece in &pieces {
        match piece {
            Piece::Text(text) => {
                let at = match pending {
                    Some(_) => rest.find(text.as_ref())?,
                    None if rest.starts_with(text.as_ref()) => 0,
                    None => return None,
                };
                if let Some(name) = pending.take() {
                    fields.push((name.to_owned(), &rest[..at]));
                }
                rest = &rest[at + text.len()..];
            }
            Piece::Field { name, spec } => {
                if !spec.is_empty() || pending.is_some() {
                    return None;
                }
                pending = Some(name);
            }
        }
    }
    match pending {
        Some(name) => fields.push((name.to_owned(), rest)),
        None if rest.is_empty() => {}
        None => return None,
    }
    Some(fields)
}

#[cfg(all(test, feature = "client"))]
mod tests {
    use super::read_back;

    #[test]
    fn the_text_of_each_field_or_nothing() {
        let fields = |template, message| read_back(template, message);
        assert_eq!(
            fields("Validation failed: {reason}", "Validation failed: a: b"),
            Some(vec![("reason".to_owned(), "a: b")])
        );
        assert_eq!(
            fields("Room {0} is in {1}.", "Room 7 is in B."),
            Some(vec![("0".to_owned(), "7"), ("1".to_owned(), "B")])
        );
        assert_eq!(
            fields("{{literal}} {x}", "{literal} 5"),
            Some(vec![("x".to_owned(), "5")])
        );
        assert_eq!(fields("Fixed", "Fixed"), Some(Vec::new()));
        assert_eq!(fields("Fixed", "Other"), None);
        assert_eq!(
            fields("Room {id:?}", "Room \"a\""),
            None,
            "a spec is not read back"
        );
        assert_eq!(fields("{a}{b}", "12"), None, "side by side");
        assert_eq!(fields("Room {id} gone", "Room 7"), None);
    }
}
