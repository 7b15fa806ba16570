//! The way back: `client::FromResponse::from_error_response`, which builds the variant a received
//! response is, found by the runtime in the catalog. Written only with the `client` feature,
//! which errwire's own `client` feature turns on.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::BTreeMap;

use crate::ast::{Input, Variant};
use crate::attr::CodeValue;

/// The body of the impl: `fn from_error_response`. Which variant a response is, the runtime
/// says from the catalog (`entry_index`), by the rule the generic `ErrorResponse` is read by
/// too; the generated code only builds that variant from what the response carries.
pub fn from_error_response(input: &Input, krate: &TokenStream) -> TokenStream {
    let arms = input.variants.iter().enumerate().map(|(index, variant)| {
        let build = if input.is_transparent(variant) {
            match variant.fields.first() {
                Some(field) => {
                    let path = input.path(variant);
                    let member = &field.member;
                    let ty = field.ty();
                    quote! {
                        match (&&&__Type::<#ty>::NEW).read_forwarded(__fields) {
                            __Some(__inner) => __Some(#path { #member: __inner }),
                            __None => __None,
                        }
                    }
                }
                None => quote!(__None),
            }
        } else {
            construct(input, index, variant)
        };
        quote!(#index => #build,)
    });
    quote! {
        fn from_error_response(
            __response: &#krate::__private::client::ErrorResponse,
        ) -> ::core::option::Option<Self> {
            let __index = #krate::__private::client::entry_index(
                <Self as #krate::ApiError>::catalog(),
                __response,
            )?;
            Self::__from_fields(__index, &#krate::__private::client::Fields::of(__response))
        }

        fn __from_fields(
            __index: usize,
            __fields: &#krate::__private::client::Fields<'_>,
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
            let __catalog = <Self as #krate::ApiError>::catalog();
            match __index {
                #(#arms)*
                _ => __None,
            }
        }
    }
}

/// `fn __errwire_code_index(code: &str) -> Option<usize>`: the entry a body's string code names,
/// for each code one entry alone has, as `Catalog::code_index` says.
pub fn code_index(input: &Input) -> TokenStream {
    let mut texts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut ints = Vec::new();
    for (index, variant) in input.variants.iter().enumerate() {
        if input.is_transparent(variant) {
            continue;
        }
        match input.code_of(variant) {
            Some((CodeValue::Str(code), _)) => texts.entry(code).or_default().push(index),
            Some((CodeValue::Int(code), _)) => {
                ints.push(code);
                texts.entry(code.to_string()).or_default().push(index);
            }
            None => {}
        }
    }
    // A string code that reads as an integer another entry has (`"01001"` and `1001`) names both.
    let arms = texts.iter().filter_map(|(text, indices)| {
        let [index] = indices.as_slice() else {
            return None;
        };
        let shared = text
            .parse::<i64>()
            .is_ok_and(|value| value.to_string() != *text && ints.contains(&value));
        (!shared).then(|| quote!(#text => ::core::option::Option::Some(#index),))
    });
    quote! {
        #[doc(hidden)]
        fn __errwire_code_index(__code: &str) -> ::core::option::Option<usize> {
            match __code {
                #(#arms)*
                _ => ::core::option::Option::None,
            }
        }
    }
}

/// `Some(Self::Variant { field: value?, ... })`, each field read from where the wire
/// carries it: the details, a header, else its text in the message; its `Default` when the wire
/// shows it nowhere (a default for a field the wire shows would be a wrong value, not a missing
/// one). `None` when a field shows only in the message with no template to read it from.
fn construct(input: &Input, index: usize, variant: &Variant) -> TokenStream {
    let path = input.path(variant);
    let mut fields = Vec::new();
    for field in &variant.fields {
        let ty = field.ty();
        let choice = quote!((&&&__Type::<#ty>::NEW));
        let value = if let Some(name) = field.detail_name() {
            quote!(#choice.read_detail(__fields, #name)?)
        } else if field.attrs.details.is_set() {
            quote!(#choice.read_details(__fields)?)
        } else if let Some(header) = field.attrs.header.get() {
            let name = &header.written;
            quote!(#choice.read_header(__fields, #name)?)
        } else if input.shows(variant, field) {
            if input.attrs_of(variant).message.get().is_none() {
                return quote!(__None);
            }
            let name = field.name();
            quote!(#choice.read_message(__fields, &__catalog.entries[#index], #name)?)
        } else {
            quote!(#choice.default_value()?)
        };
        let member = &field.member;
        fields.push(quote!(#member: #value));
    }
    quote!((|| __Some(#path { #(#fields,)* }))())
}
