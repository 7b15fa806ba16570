//! Checks of the derived type against its envelope, as constants evaluated when it compiles:
//! a code where the envelope requires one, no detail it would shadow.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::Expander;

impl<'a> Expander<'a> {
    /// A compile-time check per variant without a code, at the variant, that the envelope does
    /// not require one.
    pub(super) fn codes_required(&self) -> TokenStream {
        let krate = &self.krate;
        let envelope = self.envelope_path();
        self.variants()
            .filter(|variant| {
                !self.input.is_transparent(variant) && self.input.code_of(variant).is_none()
            })
            .map(|variant| {
                let message = format!(
                    "`{}` has no code, and its envelope requires every error to have one; add #[api(code = \"...\")], or #[api(rename_all = \"snake_case\")] to the type",
                    variant.ident
                );
                quote_spanned! {variant.ident.span()=>
                    #[allow(deprecated)]
                    const _: () = ::core::assert!(!<#envelope as #krate::Envelope>::REQUIRES_CODE, #message);
                }
            })
            .collect()
    }

    /// A compile-time check per detail name, at the first field of that name, that the envelope
    /// writes no member of that name beside the details (RFC 9457's `status`, `type`, ...),
    /// which would drop it; one constant for the type, each name evaluated once.
    pub(super) fn details_shadowed(&self) -> TokenStream {
        let krate = &self.krate;
        let envelope = self.envelope_path();
        let mut checked = std::collections::HashSet::new();
        let checks: TokenStream = self
            .variants()
            .filter(|variant| !self.input.is_transparent(variant))
            .flat_map(|variant| variant.fields.iter().map(move |field| (variant, field)))
            .filter_map(|(variant, field)| {
                let name = field.detail_name()?;
                if !checked.insert(name.clone()) {
                    return None;
                }
                let rename = format!(
                    "{}_{name}",
                    crate::case::RenameRule::Snake.apply(&variant.ident.to_string())
                );
                let message = format!(
                    "detail `{name}` has the name of a member the envelope writes, so it would be left out of every body; name it otherwise on the wire: #[api(detail = \"{rename}\")]"
                );
                Some(quote_spanned! {field.span()=>
                    if #krate::__private::shadowed::<#envelope>(#name) {
                        ::core::panic!(#message);
                    }
                })
            })
            .collect();
        if checks.is_empty() {
            return TokenStream::new();
        }
        quote! {
            #[allow(deprecated)]
            const _: () = { #checks };
        }
    }
}
