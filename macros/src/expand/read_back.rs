//! Why the client cannot read a variant back typed, for the catalog: what the attributes show
//! (a format spec in the message, an uncoded variant it cannot tell apart, a borrowed detail),
//! and, for a field of a type the derive cannot see into, the same choice the client impl makes.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use super::Expander;
use crate::ast::Variant;
use crate::message::Piece;

/// What stands in the way of reading one variant back.
enum Obstacle {
    /// Known from the attributes.
    Always(String),
    /// The type of the field at `field` decides: `(&&&Type::<T>::NEW).check()` is false.
    Unless {
        check: &'static str,
        field: usize,
        reason: String,
    },
}

impl<'a> Expander<'a> {
    /// `const __ERRWIRE_UNTYPED: fn(usize) -> Option<&str>`, the catalog's answer to why the
    /// entry at an index is not read back typed:
    ///
    /// ```ignore
    /// |__entry| match __entry {
    ///     2 => if !(&&&Type::<Meta>::NEW).is_deserialize() { Some("field `meta`: ...") } else { None },
    ///     _ => None,
    /// }
    /// ```
    pub(super) fn untyped(&self) -> TokenStream {
        let krate = &self.krate;
        let uncoded_at = self.uncoded_statuses();
        let arms = self.variants().enumerate().filter_map(|(index, variant)| {
            let mut obstacles = self.obstacles(variant, &uncoded_at);
            // A reason known from the attributes is the answer: no check after it would run.
            if let Some(at) = obstacles
                .iter()
                .position(|obstacle| matches!(obstacle, Obstacle::Always(_)))
            {
                obstacles.swap(0, at);
                obstacles.truncate(1);
            }
            let checks = obstacles.iter().map(|obstacle| match obstacle {
                Obstacle::Always(reason) => quote!(return ::core::option::Option::Some(#reason);),
                Obstacle::Unless {
                    check,
                    field,
                    reason,
                } => {
                    let field = &variant.fields[*field];
                    let ty = field.ty();
                    let check = format_ident!("{check}");
                    quote_spanned! {field.span()=>
                        if !(&&&#krate::__private::Type::<#ty>::NEW).#check() {
                            return ::core::option::Option::Some(#reason);
                        }
                    }
                }
            });
            let checks: TokenStream = checks.collect();
            (!checks.is_empty()).then(|| quote!(#index => { #checks }))
        });
        let arms: Vec<TokenStream> = arms.collect();
        let body = match arms.is_empty() {
            true => quote!(::core::option::Option::None),
            false => quote! {
                #[allow(unused_imports)]
                use #krate::__private::{
                    IsDefault as _, IsDeserialize as _, IsFromStr as _, IsMessageText as _,
                    NotDefault as _, NotDeserialize as _, NotFromStr as _, NotMessageText as _,
                };
                match __entry {
                    #(#arms)*
                    _ => {}
                }
                ::core::option::Option::None
            },
        };
        quote! {
            #[doc(hidden)]
            const __ERRWIRE_UNTYPED: fn(usize) -> ::core::option::Option<&'static str> =
                |__entry| { #body };
        }
    }

    /// How many variants without a code each status has.
    fn uncoded_statuses(&self) -> HashMap<u16, usize> {
        let mut uncoded = HashMap::new();
        for variant in self.variants() {
            if !self.input.is_transparent(variant) && self.input.code_of(variant).is_none() {
                *uncoded
                    .entry(self.input.status_number(variant))
                    .or_default() += 1;
            }
        }
        uncoded
    }

    /// What keeps the client from reading `variant` back, as `client.rs` reads it.
    fn obstacles(&self, variant: &Variant, uncoded_at: &HashMap<u16, usize>) -> Vec<Obstacle> {
        if self.input.is_transparent(variant) {
            return Vec::new(); // the forwarded type's own catalog says
        }
        let message = self.input.attrs_of(variant).message.get();
        // The client reads a message back only where each placeholder is plain and has text
        // after it, or ends the template.
        let unreadable_message = message.and_then(|message| {
            let mut after_field = false;
            for piece in &message.pieces {
                match piece {
                    Piece::Field(placeholder) if !placeholder.spec.is_empty() || after_field => {
                        return Some(format!(
                            "its message template writes {} {}, which cannot be read back from the text; write each placeholder as `{{name}}`, with text between",
                            placeholder.name.describe(),
                            if after_field { "right after another placeholder" } else { "with a format spec" },
                        ));
                    }
                    Piece::Field(_) => after_field = true,
                    Piece::Text(_) => after_field = false,
                }
            }
            None
        });
        let mut obstacles = Vec::new();
        let status = self.input.status_number(variant);
        if self.input.code_of(variant).is_none() && uncoded_at.get(&status) > Some(&1) {
            match &unreadable_message {
                None if message.is_some() => {}
                None => obstacles.push(Obstacle::Always(format!(
                    "another error without a code has status {status}, and this one has no message to tell them apart; give it a code"
                ))),
                Some(reason) => obstacles.push(Obstacle::Always(format!(
                    "another error without a code has status {status}, and {reason}"
                ))),
            }
        }
        for index in 0..variant.fields.len() {
            obstacles.extend(self.field_obstacle(variant, index, unreadable_message.as_deref()));
        }
        obstacles
    }

    /// What keeps the client from reading the field at `index` back, as `client.rs` reads it.
    fn field_obstacle(
        &self,
        variant: &Variant,
        index: usize,
        unreadable_message: Option<&str>,
    ) -> Option<Obstacle> {
        let field = &variant.fields[index];
        let name = field.name();
        let unless = |check: &'static str, reason: String| {
            (!plain(field.ty())).then_some(Obstacle::Unless {
                check,
                field: index,
                reason,
            })
        };
        let attrs = &field.attrs;
        if attrs.detail.is_set() || attrs.details.is_set() {
            if matches!(field.ty(), syn::Type::Reference(_)) {
                return Some(Obstacle::Always(format!(
                    "field `{name}` borrows its value, which the client cannot own; make it an owned type such as `String`"
                )));
            }
            unless(
                "is_deserialize",
                format!("field `{name}`'s type is not `serde::Deserialize`"),
            )
        } else if let Some(header) = attrs.header.get() {
            unless(
                "is_from_str",
                format!(
                    "field `{name}`'s type is not `FromStr`, so its `{}` header cannot be read back",
                    header.written
                ),
            )
        } else if self.input.shows(variant, field) {
            if let Some(reason) = unreadable_message {
                return Some(Obstacle::Always(format!(
                    "field `{name}` shows only in the message, and {reason}"
                )));
            }
            unless(
                "is_message_text",
                format!(
                    "field `{name}` shows only in the message, and its type is not `FromStr` and `Display`"
                ),
            )
        } else {
            unless(
                "is_default",
                format!("field `{name}` is not on the wire, and its type has no `Default`"),
            )
        }
    }
}

/// A type every check passes for: a string, a number, a boolean, a character.
fn plain(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    path.qself.is_none()
        && path.path.segments.len() == 1
        && path.path.segments[0].arguments.is_none()
        && [
            "String", "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16",
            "i32", "i64", "i128", "isize", "f32", "f64",
        ]
        .iter()
        .any(|name| path.path.segments[0].ident == name)
}
