//! The headers of each variant: fixed ones, and those a field gives.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::{Arm, Expander, binding};
use crate::ast::{Field, Variant};
use crate::header::HeaderName;

impl<'a> Expander<'a> {
    pub(super) fn fn_headers(&self) -> TokenStream {
        let krate = &self.krate;
        let headers = quote!(__headers);
        let type_level: Vec<TokenStream> = self
            .input
            .attrs
            .headers
            .iter()
            .map(|header| static_header(krate, &headers, &header.name, &header.value))
            .collect();
        let any_variant = self.any_transparent()
            || self.variants().any(|variant| {
                !variant.own_headers().is_empty()
                    || variant
                        .fields
                        .iter()
                        .any(|field| field.attrs.header.is_set())
            });
        if type_level.is_empty() && !any_variant {
            return TokenStream::new();
        }
        let body = if any_variant {
            self.forwarding(quote!(headers), quote!(, #headers), quote!({}), |variant| {
                self.header_arm(variant, &headers)
            })
        } else {
            TokenStream::new()
        };
        quote! {
            fn headers(&self, #headers: &mut #krate::__private::HeaderMap) {
                #(#type_level)*
                #body
            }
        }
    }

    /// The variant's own fixed headers and those from its fields; `None` if it has neither.
    pub(super) fn header_arm(
        &self,
        variant: &'a Variant<'a>,
        headers: &TokenStream,
    ) -> Option<Arm<'a>> {
        let krate = &self.krate;
        let mut inserts: Vec<TokenStream> = variant
            .own_headers()
            .iter()
            .map(|header| static_header(krate, headers, &header.name, &header.value))
            .collect();
        let fields: Vec<&Field> = variant
            .fields
            .iter()
            .filter(|field| field.attrs.header.is_set())
            .collect();
        for field in &fields {
            let Some(name) = field.attrs.header.get() else {
                continue;
            };
            let name = header_name(krate, name);
            let binding = binding(field);
            let krate = self.input.krate_at(field.span());
            // The field's `ToHeaderValue`, else its `Display` text.
            inserts.push(quote_spanned! {field.span()=>
                #krate::__private::insert_header(#headers, #name, {
                    #[allow(unused_imports)]
                    use #krate::__private::{ViaHeaderText as _, ViaToHeaderValue as _};
                    (&&#krate::__private::Ref(#binding)).header_value()
                });
            });
        }
        if inserts.is_empty() {
            return None;
        }
        Some((fields, quote!({ #(#inserts)* }).into()))
    }
}

/// A header name as a constant, so that its check runs at compile time.
fn header_name(krate: &TokenStream, name: &HeaderName) -> TokenStream {
    let lowercase = &name.lowercase;
    quote!({
        const __NAME: #krate::__private::HeaderName = #krate::__private::HeaderName::from_static(#lowercase);
        __NAME
    })
}

fn static_header(
    krate: &TokenStream,
    headers: &TokenStream,
    name: &HeaderName,
    value: &str,
) -> TokenStream {
    let name = header_name(krate, name);
    quote! {
        #headers.insert(#name, {
            const __VALUE: #krate::__private::HeaderValue = #krate::__private::HeaderValue::from_static(#value);
            __VALUE
        });
    }
}
