//! The way back: `client::FromResponse::from_error_response`, which reads a received response
//! into the variant it is: a `match` on the code, then the variants without one. Written only
//! with the `client` feature, which errwire's own `client` feature turns on.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Input, Variant};
use crate::attr::CodeValue;

/// The body of the impl: `fn from_error_response`.
pub fn from_error_response(input: &Input, krate: &TokenStream) -> TokenStream {
    let variants = &input.variants;
    let mut code_uses: HashMap<CodeValue, usize> = HashMap::new();
    for variant in variants {
        if let Some((code, _)) = input.code_of(variant) {
            *code_uses.entry(code).or_default() += 1;
        }
    }
    let mut uncoded_statuses: HashMap<u16, usize> = HashMap::new();
    for variant in variants
        .iter()
        .filter(|variant| !input.is_transparent(variant))
    {
        if input.code_of(variant).is_none() {
            let status = input.status_number(variant);
            *uncoded_statuses.entry(status).or_default() += 1;
        }
    }

    let mut texts = Vec::new();
    let mut numbers = Vec::new();
    let mut forwarded = Vec::new();
    let mut uncoded = Vec::new();
    for variant in variants {
        let path = input.path(variant);
        if input.is_transparent(variant) {
            let Some(field) = variant.fields.first() else {
                continue;
            };
            let member = &field.member;
            let ty = field.ty();
            forwarded.push(quote! {
                if let __Some(__inner) = (&&&__Type::<#ty>::NEW).read_forwarded(__response) {
                    return __Some(#path { #member: __inner });
                }
            });
            continue;
        }
        let status = input.status_number(variant);
        let build = construct(input, variant);
        match input.code_of(variant) {
            Some((code, _)) => {
                let shared = code_uses.get(&code).copied().unwrap_or(0) > 1;
                let guard = shared.then(|| quote!(if __status == #status));
                // A number is also read back from its text, as JSON:API writes every code.
                if let CodeValue::Int(number) = code {
                    numbers.push(quote!(#number #guard => #build,));
                }
                let text = code.to_string();
                texts.push(quote!(#text #guard => #build,));
            }
            None if uncoded_statuses.get(&status) == Some(&1) => uncoded.push((
                0,
                quote! {
                    if __code.is_none() && __status == #status {
                        #build;
                    }
                },
            )),
            // Beside others without a code at its status: told apart by its message.
            None => {
                if let Some(message) = input.attrs_of(variant).message.get() {
                    let template = &message.source;
                    let fields = usize::from(message.placeholders().next().is_some());
                    uncoded.push((
                        1 + fields,
                        quote! {
                            if __code.is_none() && __status == #status
                                && #krate::__private::client::message_is(__response, #template)
                            {
                                #build;
                            }
                        },
                    ));
                }
            }
        }
    }
    // A fixed message before a template with fields, which could match it too.
    uncoded.sort_by_key(|(order, _)| *order);
    let uncoded = uncoded.into_iter().map(|(_, check)| check);
    quote! {
        fn from_error_response(
            __response: &#krate::__private::client::ErrorResponse,
        ) -> ::core::option::Option<Self> {
            #[allow(unused_imports)]
            use #krate::__private::client::{
                FromDefault as _, FromForwarded as _, FromHeaderText as _, FromMessageText as _,
                FromWire as _, Unreadable as _,
            };
            #[allow(unused_imports)]
            use ::core::option::Option::{None as __None, Some as __Some};
            #[allow(unused_imports)]
            use #krate::__private::Type as __Type;
            #[allow(unused_variables)]
            let __code = __response.code.as_ref();
            #[allow(unused_variables)]
            let __status = __response.status.as_u16();
            match __code {
                __Some(#krate::__private::client::WireCode::Str(__text)) => match __text.as_str() {
                    #(#texts)*
                    _ => {}
                },
                __Some(#krate::__private::client::WireCode::Int(__number)) => match *__number {
                    #(#numbers)*
                    _ => {}
                },
                __None => {}
            }
            #(#forwarded)*
            #(#uncoded)*
            __None
        }
    }
}

/// `return Some(Self::Variant { field: value?, ... })`, each field read from where the wire
/// carries it: the details, a header, else its text in the message; its `Default` when the wire
/// shows it nowhere (a default for a field the wire shows would be a wrong value, not a missing
/// one). `return None` when a field shows only in the message with no template to read it from.
fn construct(input: &Input, variant: &Variant) -> TokenStream {
    let path = input.path(variant);
    let mut fields = Vec::new();
    for field in &variant.fields {
        let ty = field.ty();
        let choice = quote!((&&&__Type::<#ty>::NEW));
        let value = if let Some(name) = field.detail_name() {
            quote!(#choice.read_detail(__response, #name)?)
        } else if field.attrs.details.is_set() {
            quote!(#choice.read_details(__response)?)
        } else if let Some(header) = field.attrs.header.get() {
            let name = &header.written;
            quote!(#choice.read_header(__response, #name)?)
        } else if input.shows(variant, field) {
            let Some(message) = input.attrs_of(variant).message.get() else {
                return quote!(return __None);
            };
            let template = &message.source;
            let name = field.name();
            quote!(#choice.read_message(__response, #template, #name)?)
        } else {
            quote!(#choice.default_value()?)
        };
        let member = &field.member;
        fields.push(quote!(#member: #value));
    }
    quote!(return (|| __Some(#path { #(#fields,)* }))())
}
