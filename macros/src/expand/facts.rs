//! The facts of each variant: status, code, message, title, retry class and `type` URI, read
//! from the rows computed from its catalog entry where the type allows it, and the response in
//! the type's envelope.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::LitStr;

use super::text::{self, Source, Str};
use super::{Arm, Body, Expander, binding, code_tokens, option, retry_tokens, status_code};
use crate::ast::{Field, Variant};
use crate::message::{FieldName, Message, Piece};
use crate::{catalog, status};

impl<'a> Expander<'a> {
    /// `type_base` followed by the variant's code, when there are both.
    pub(super) fn type_uri(&self, variant: &Variant) -> Option<String> {
        let base = self.input.attrs.type_base.get()?;
        let (code, _) = self.input.code_of(variant)?;
        Some(format!("{base}{code}"))
    }

    /// The variant's `title`, as written.
    pub(super) fn title(&self, variant: &'a Variant<'a>) -> Option<TokenStream> {
        let title = self.input.attrs_of(variant).title.get()?;
        Some(title.to_token_stream())
    }

    /// Whether the facts that are the same for every occurrence (status, code, fixed message,
    /// title, `type` URI) are read from one table, by one `match` for the variant's index: for a
    /// type with variants, none of them `transparent`, whose facts all come from its own
    /// attributes.
    pub(super) fn has_facts_table(&self) -> bool {
        !self.input.variants.is_empty() && !self.any_transparent()
    }

    /// `fn __errwire_index(&self)`: the index of a value's entry in the catalog, for the facts
    /// table and the translations.
    pub(super) fn index_fn(&self) -> TokenStream {
        if !self.has_facts_table() && !self.translations.any() {
            return TokenStream::new();
        }
        let mut arms = Source::default();
        for (index, variant) in self.variants().enumerate() {
            arms.push(format_args!(
                "{} => {index},",
                text::Pattern(self.input, variant, &[])
            ));
        }
        let arms = arms.take_tokens();
        quote! {
            #[doc(hidden)]
            #[inline]
            fn __errwire_index(&self) -> usize {
                match self { #arms }
            }
        }
    }

    /// `const __ERRWIRE_FACTS`, the facts of [`has_facts_table`](Self::has_facts_table) computed
    /// from the catalog entries when compiling, and `fn __errwire_facts(&self)`, a value's row.
    pub(super) fn facts_table(&self) -> TokenStream {
        if !self.has_facts_table() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let count = self.input.variants.len();
        quote! {
            #[doc(hidden)]
            const __ERRWIRE_FACTS: &'static [#krate::__private::Facts; #count] =
                &#krate::__private::facts(Self::__ERRWIRE_ENTRIES);

            #[doc(hidden)]
            #[inline]
            fn __errwire_facts(&self) -> &'static #krate::__private::Facts {
                &Self::__ERRWIRE_FACTS[self.__errwire_index()]
            }
        }
    }

    pub(super) fn fn_status(&self) -> TokenStream {
        let krate = &self.krate;
        let body = if self.has_facts_table() {
            quote!(self.__errwire_facts().status)
        } else {
            self.forwarding_all(quote!(status), |variant| {
                status_code(krate, self.input.status_of(variant))
            })
        };
        quote! {
            #[inline]
            fn status(&self) -> #krate::__private::StatusCode {
                #body
            }
        }
    }

    pub(super) fn fn_code(&self) -> TokenStream {
        let krate = &self.krate;
        let body = if self.has_facts_table() {
            quote!(self.__errwire_facts().code)
        } else {
            self.forwarding_all(quote!(code), |variant| {
                option(
                    self.input
                        .code_of(variant)
                        .map(|(code, _)| code_tokens(krate, &code)),
                )
            })
        };
        quote! {
            #[inline]
            fn code(&self) -> ::core::option::Option<#krate::Code> {
                #body
            }
        }
    }

    pub(super) fn fn_fmt_message(&self) -> TokenStream {
        let formatter = quote!(__formatter);
        let krate = &self.krate;
        // Messages without fields are written once, in the catalog, and read from there.
        let body = self.forwarding(
            quote!(fmt_message),
            quote!(, #formatter),
            quote! {
                #formatter.write_str(#krate::ApiError::__static_message(self).unwrap_or_default())
            },
            |variant| {
                let message = self.input.attrs_of(variant).message.get()?;
                self.static_message(variant)
                    .is_none()
                    .then(|| self.message_arm(variant, message, &formatter))
            },
        );
        quote! {
            fn fmt_message(&self, #formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }

    /// `write!(f, "Room {0} ...", __f_room_id)` from a message that names fields. The arguments
    /// carry the fields' spans, so a field that lacks the format trait is reported at the field.
    pub(super) fn message_arm(
        &self,
        variant: &'a Variant<'a>,
        message: &Message,
        formatter: &TokenStream,
    ) -> Arm<'a> {
        let mut format = String::new();
        let mut used: Vec<&Field> = Vec::new();
        for piece in &message.pieces {
            match piece {
                Piece::Text(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
                Piece::Field(placeholder) => {
                    let member = placeholder.name.member(Span::call_site());
                    let Some(field) = variant.field_named(&member) else {
                        continue;
                    };
                    let index = match used.iter().position(|seen| seen.member == field.member) {
                        Some(index) => index,
                        None => {
                            used.push(field);
                            used.len() - 1
                        }
                    };
                    let spec = if placeholder.spec.is_empty() {
                        String::new()
                    } else {
                        format!(":{}", placeholder.spec)
                    };
                    format.push_str(&format!("{{{index}{spec}}}"));
                }
            }
        }
        // Fields of a primitive type have every format trait: nothing to report at them.
        if used
            .iter()
            .all(|field| catalog::primitive(field.ty()).is_some())
        {
            let mut body = format!("::core::write!({formatter}, {}", Str(&format));
            for field in &used {
                body.push_str(&format!(", {}", text::Binding(field)));
            }
            body.push(')');
            return (used, Body::Text(body));
        }
        let format = LitStr::new(&format, Span::call_site());
        let args = used.iter().map(|field| binding(field));
        (
            used.clone(),
            quote!(::core::write!(#formatter, #format, #(#args),*)).into(),
        )
    }

    /// The message of a variant whose template names no field: its text, or the reason phrase
    /// without a template.
    pub(super) fn static_message(&self, variant: &Variant<'_>) -> Option<String> {
        let Some(message) = self.input.attrs_of(variant).message.get() else {
            let reason = status::reason_phrase(self.input.status_number(variant));
            return Some(reason.unwrap_or("Error").to_owned());
        };
        fixed_text(message)
    }

    pub(super) fn fn_static_message(&self) -> TokenStream {
        let body = if self.has_facts_table() {
            quote!(self.__errwire_facts().static_message)
        } else {
            self.forwarding_all(quote!(__static_message), |variant| {
                option(
                    self.static_message(variant)
                        .map(|text| text.to_token_stream()),
                )
            })
        };
        quote! {
            #[inline]
            fn __static_message(&self) -> ::core::option::Option<&'static str> {
                #body
            }
        }
    }

    pub(super) fn fn_title(&self) -> TokenStream {
        let any_title = self
            .variants()
            .any(|variant| self.input.attrs_of(variant).title.is_set());
        if !any_title && !self.any_transparent() {
            return TokenStream::new();
        }
        let body = if self.has_facts_table() {
            quote!(self.__errwire_facts().title)
        } else {
            self.forwarding_all(quote!(title), |variant| option(self.title(variant)))
        };
        quote! {
            #[inline]
            fn title(&self) -> ::core::option::Option<&'static str> {
                #body
            }
        }
    }

    pub(super) fn fn_retry(&self) -> TokenStream {
        let any_retry = self
            .variants()
            .any(|variant| self.input.attrs_of(variant).retry.is_set());
        if !any_retry && !self.any_transparent() && !self.has_facts_table() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        if self.has_facts_table() {
            return quote! {
                #[inline]
                fn retry(&self) -> #krate::catalog::Retry {
                    self.__errwire_facts().retry
                }
            };
        }
        let body = self.forwarding_all(quote!(retry), |variant| {
            match self.input.attrs_of(variant).retry.get() {
                Some(retry) => retry_tokens(krate, *retry),
                None => {
                    let status = status_code(krate, self.input.status_of(variant));
                    quote!(#krate::catalog::Retry::for_status(#status))
                }
            }
        });
        quote! {
            fn retry(&self) -> #krate::catalog::Retry {
                #body
            }
        }
    }

    /// `__grpc`: the variant's gRPC code and reason, on a type with a `domain`.
    pub(super) fn fn_grpc(&self) -> TokenStream {
        if self.input.attrs.domain.get().is_none() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let body = self.forwarding_all(quote!(__grpc), |variant| match self.grpc_of(variant) {
            Some((code, reason)) => quote! {
                ::core::option::Option::Some(#krate::grpc::Grpc { code: #code, reason: #reason })
            },
            None => quote!(::core::option::Option::None),
        });
        quote! {
            fn __grpc(&self) -> ::core::option::Option<#krate::grpc::Grpc> {
                #body
            }
        }
    }

    /// `__message_values`, on a type with a `domain`: each named field the default message shows
    /// and that is not a detail, formatted as the message formats it, for the gRPC metadata.
    pub(super) fn fn_message_values(&self) -> TokenStream {
        if self.input.attrs.domain.get().is_none() {
            return TokenStream::new();
        }
        let body = self.forwarding(
            quote!(__message_values),
            quote!(, __out),
            quote!({}),
            |variant| {
                let message = self.input.attrs_of(variant).message.get()?;
                let mut fields = Vec::new();
                let mut calls = TokenStream::new();
                for placeholder in message.placeholders() {
                    let FieldName::Named(name) = &placeholder.name else {
                        continue;
                    };
                    let member = placeholder.name.member(message.span);
                    let field = variant.field_named(&member)?;
                    if field.attrs.detail.is_set() || field.attrs.details.is_set() {
                        continue;
                    }
                    let binding = binding(field);
                    let format = match placeholder.spec.as_str() {
                        "" => "{}".to_owned(),
                        spec => format!("{{:{spec}}}"),
                    };
                    let format = LitStr::new(&format, message.span);
                    calls.extend(quote!(__out(#name, ::core::format_args!(#format, #binding));));
                    if !fields
                        .iter()
                        .any(|known: &&Field| known.member == field.member)
                    {
                        fields.push(field);
                    }
                }
                (!fields.is_empty()).then(|| (fields, quote!({ #calls }).into()))
            },
        );
        quote! {
            fn __message_values(
                &self,
                __out: &mut dyn ::core::ops::FnMut(&str, ::core::fmt::Arguments<'_>),
            ) {
                #body
            }
        }
    }

    /// `__type_uri`: `type_base` and the code as one literal per variant.
    pub(super) fn fn_type_uri(&self) -> TokenStream {
        if self.input.attrs.type_base.get().is_none() {
            return TokenStream::new();
        }
        let body = if self.has_facts_table() {
            quote!(self.__errwire_facts().type_uri)
        } else {
            self.forwarding_all(quote!(__type_uri), |variant| {
                option(self.type_uri(variant).map(|uri| quote!(#uri)))
            })
        };
        quote! {
            #[inline]
            fn __type_uri(&self) -> ::core::option::Option<&'static str> {
                #body
            }
        }
    }

    /// The type's envelope: `#[api(envelope = ...)]`, else `Problem`.
    pub(super) fn envelope_path(&self) -> TokenStream {
        let krate = &self.krate;
        match self.input.attrs.envelope.get() {
            Some(envelope) => envelope.to_token_stream(),
            None => quote!(#krate::Problem),
        }
    }

    /// `to_response_with`: the envelope is named once, in the catalog, and the dyn-compatible
    /// `envelope()` reads it there.
    pub(super) fn fn_to_response_with(&self) -> TokenStream {
        let krate = &self.krate;
        let envelope = self.envelope_path();
        quote! {
            // The concrete type in its own envelope: the typed path, not the erased one that a
            // `dyn ApiError` takes.
            #[inline]
            fn to_response_with(
                &self,
                __cx: &#krate::RenderContext<'_>,
            ) -> #krate::__private::Response<::std::vec::Vec<u8>> {
                <#envelope as #krate::Envelope>::response(self, __cx)
            }
        }
    }
}

/// The text of a message that names no field; `None` for one that does.
pub(super) fn fixed_text(message: &Message) -> Option<String> {
    message
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => Some(text.as_str()),
            Piece::Field(_) => None,
        })
        .collect()
}
