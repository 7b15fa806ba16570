//! The where-predicates the generated impls need, inferred in one pass before expansion. A field
//! whose type names a type parameter needs what its attributes do with it; a transparent field
//! needs `ApiError` whatever its type, so that a field that is not one is one error, at its type.

use std::collections::BTreeMap;

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned;

use crate::ast::Input;
use crate::message::format_trait;

/// The predicates, deduplicated, in a stable order.
pub fn infer(input: &Input, krate: &TokenStream) -> Vec<TokenStream> {
    let generics = &input.original.generics;
    let generic = |ty: &Type| mentions_type_param(ty.to_token_stream(), generics);
    let mut predicates = BTreeMap::new();
    let mut require = |ty: &Type, bound: TokenStream| {
        let predicate = quote_spanned!(ty.span()=> #ty: #bound);
        predicates.entry(predicate.to_string()).or_insert(predicate);
    };
    for variant in &input.variants {
        if input.is_transparent(variant) {
            for field in &variant.fields {
                let krate = input.krate_at(field.ty().span());
                require(
                    field.ty(),
                    quote_spanned!(field.ty().span()=> #krate::ApiError),
                );
            }
            continue;
        }
        for field in variant.fields.iter().filter(|field| generic(field.ty())) {
            if field.attrs.detail.is_set() || field.attrs.details.is_set() {
                require(field.ty(), quote!(#krate::__private::Serialize));
            }
            if field.attrs.header.is_set() {
                require(field.ty(), quote!(#krate::ToHeaderValue));
            }
        }
        let Some(message) = input.attrs_of(variant).message.get() else {
            continue;
        };
        for placeholder in message.placeholders() {
            let member = placeholder.name.member(message.span);
            if let Some(field) = variant.field_named(&member)
                && generic(field.ty())
            {
                let format_trait = syn::Ident::new(format_trait(&placeholder.spec), message.span);
                require(field.ty(), quote!(::core::fmt::#format_trait));
            }
        }
    }
    predicates.into_values().collect()
}

fn mentions_type_param(tokens: TokenStream, generics: &syn::Generics) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => generics.type_params().any(|param| param.ident == ident),
        TokenTree::Group(group) => mentions_type_param(group.stream(), generics),
        _ => false,
    })
}
