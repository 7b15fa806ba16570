//! The messages in the type's other locales: each one's template and fixed text in the catalog
//! entries, read back by `__static_message_in`; written by `__fmt_message_in` where they name
//! fields; and the Fluent files included, so that editing one rebuilds the crate.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::facts::fixed_text;
use super::text::Source;
use super::{Body, Expander};
use crate::ast::{Field, Variant};

impl<'a> Expander<'a> {
    /// `.with_translations(&[..])` for the entry of the variant at `index`, if the type has
    /// other locales.
    pub(super) fn with_translations(&self, index: usize) -> TokenStream {
        let Some(row) = self.translations.messages.get(index) else {
            return TokenStream::new();
        };
        if !self.translations.any() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let translations = row.iter().map(|message| {
            let (template, fixed) = match message {
                Some(message) => (message.source.as_str(), fixed_text(message)),
                None => ("", None),
            };
            let fixed = match fixed {
                Some(text) => quote!(::core::option::Option::Some(#text)),
                None => quote!(::core::option::Option::None),
            };
            quote!(#krate::catalog::Translation { message: #template, static_message: #fixed })
        });
        quote!(.with_translations(&[#(#translations),*]))
    }

    /// `__static_message_in` and `__fmt_message_in`, for a type with other locales.
    pub(super) fn fn_localized_messages(&self) -> TokenStream {
        if !self.translations.any() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let formatter = quote!(__formatter);
        let default = quote!(#krate::ApiError::fmt_message(self, #formatter));
        let body = self.match_self(
            |variant| self.localized_arm(variant, &formatter),
            default.clone(),
        );
        quote! {
            fn __static_message_in(&self, __locale: usize) -> ::core::option::Option<&'static str> {
                match __locale {
                    0 => #krate::ApiError::__static_message(self),
                    __n => match Self::__ERRWIRE_ENTRIES[self.__errwire_index()].translations.get(__n - 1) {
                        ::core::option::Option::Some(__translation) => __translation.static_message,
                        ::core::option::Option::None => ::core::option::Option::None,
                    },
                }
            }

            fn __fmt_message_in(
                &self,
                __locale: usize,
                #formatter: &mut ::core::fmt::Formatter<'_>,
            ) -> ::core::fmt::Result {
                if let ::core::option::Option::Some(__text) =
                    #krate::ApiError::__static_message_in(self, __locale)
                {
                    return #formatter.write_str(__text);
                }
                #body
            }
        }
    }

    /// `match __locale { 1 => write!(..), .. }` for a variant whose translations name fields;
    /// `None` for the others, whose messages are fixed (or its type's default).
    fn localized_arm(
        &self,
        variant: &'a Variant<'a>,
        formatter: &TokenStream,
    ) -> Option<(Vec<&'a Field<'a>>, Body)> {
        let index = self
            .input
            .variants
            .iter()
            .position(|known| std::ptr::eq(known, variant))?;
        let row = self.translations.messages.get(index)?;
        let mut used: Vec<&Field> = Vec::new();
        let mut arms = TokenStream::new();
        for (locale, message) in row.iter().enumerate() {
            let Some(message) = message
                .as_ref()
                .filter(|message| fixed_text(message).is_none())
            else {
                continue;
            };
            let (fields, body) = self.message_arm(variant, message, formatter);
            for field in fields {
                if used.iter().all(|known| known.member != field.member) {
                    used.push(field);
                }
            }
            let body = match body {
                Body::Tokens(tokens) => tokens,
                Body::Text(text) => {
                    let mut source = Source::default();
                    source.push(format_args!("{text}"));
                    source.take_tokens()
                }
            };
            let locale = locale + 1;
            arms.extend(quote!(#locale => #body,));
        }
        if arms.is_empty() {
            return None;
        }
        let krate = &self.krate;
        let default = quote!(#krate::ApiError::fmt_message(self, #formatter));
        Some((used, quote!(match __locale { #arms _ => #default }).into()))
    }

    /// `const _: &[u8] = include_bytes!(..)` per Fluent file read.
    pub(super) fn included_files(&self) -> TokenStream {
        let files = self.translations.files.iter().map(|file| {
            let file = file.to_token_stream();
            quote! {
                const _: &[u8] = ::core::include_bytes!(::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #file));
            }
        });
        quote!(#(#files)*)
    }
}
