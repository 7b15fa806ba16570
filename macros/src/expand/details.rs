//! The details of each variant: what goes into the body's details, written by each field's own
//! type (`__write_details`), and the same visited through a trait object (`DetailFields`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use super::text::{self, Str};
use super::{Body, Expander, binding};
use crate::ast::Field;
use crate::catalog::{self, Primitive};

impl<'a> Expander<'a> {
    pub(super) fn fn_details(&self) -> TokenStream {
        let any_details = self
            .variants()
            .flat_map(|variant| &variant.fields)
            .any(|field| field.attrs.detail.is_set() || field.attrs.details.is_set());
        if !any_details && !self.any_transparent() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let krate_text = krate.to_string();
        let body = self.forwarding(
            quote!(details),
            TokenStream::new(),
            TokenStream::new(),
            |variant| {
                let whole = variant
                    .fields
                    .iter()
                    .find(|field| field.attrs.details.is_set());
                if let Some(field) = whole {
                    let binding = binding(field);
                    return Some((
                        vec![field],
                        quote!(#krate::Details::Object(#binding)).into(),
                    ));
                }
                let any_detail = variant
                    .fields
                    .iter()
                    .any(|field| field.attrs.detail.is_set());
                let details = if any_detail { "Fields(self)" } else { "None" };
                Some((
                    Vec::new(),
                    Body::Text(format!("{krate_text}::Details::{details}")),
                ))
            },
        );
        quote! {
            #[inline]
            fn details(&self) -> #krate::Details<'_> {
                #body
            }
        }
    }

    /// `__write_details`: each detail written by its own type, a typed call for a string,
    /// integer or boolean (named here for a primitive type as written), the value itself
    /// otherwise, so that an envelope serializes it with nothing erased.
    pub(super) fn fn_write_details(&self) -> TokenStream {
        let krate = &self.krate;
        let entries = quote!(__entries);
        let any = self
            .variants()
            .flat_map(|variant| &variant.fields)
            .any(|field| field.attrs.detail.is_set() || field.attrs.details.is_set());
        if !any && !self.any_transparent() {
            return TokenStream::new();
        }
        let body = self.match_self(
            |variant| {
                if let Some(field) = self.transparent_field(variant) {
                    let binding = binding(field);
                    let call = quote!(#krate::ApiError::__write_details(#binding, #entries));
                    return Some((vec![field], call.into()));
                }
                if let Some(field) = variant
                    .fields
                    .iter()
                    .find(|field| field.attrs.details.is_set())
                {
                    let binding = binding(field);
                    let krate = self.input.krate_at(field.span());
                    let call = quote_spanned! {field.span()=>
                        #krate::__private::Entries::object(#entries, #binding)
                    };
                    return Some((vec![field], call.into()));
                }
                let fields: Vec<&Field> = variant
                    .fields
                    .iter()
                    .filter(|field| field.attrs.detail.is_set())
                    .collect();
                if fields.is_empty() {
                    return None;
                }
                // An arm of primitives alone, where no diagnostic can point, as text.
                let primitives: Option<Vec<Primitive>> = fields
                    .iter()
                    .map(|field| catalog::primitive(field.ty()))
                    .collect();
                if let Some(primitives) = primitives {
                    let calls = fields.iter().zip(primitives).map(|(field, primitive)| {
                        let binding = text::Binding(field);
                        let value = match primitive.widened_to() {
                            Some(wide) => format!("::core::primitive::{wide}::from(*{binding})"),
                            None => format!("*{binding}"),
                        };
                        let name = Str(&field.detail_name().unwrap_or_default()).to_string();
                        format!("{entries}.{}({name}, {value})", primitive.entries_method())
                    });
                    let calls: Vec<String> = calls.collect();
                    let body = match calls.split_last() {
                        Some((last, [])) => last.clone(),
                        Some((last, init)) => format!("{{ {}?; {last} }}", init.join("?; ")),
                        None => return None,
                    };
                    return Some((fields, Body::Text(body)));
                }
                let calls = fields.iter().map(|field| {
                    let name = field.detail_name().unwrap_or_default();
                    let binding = binding(field);
                    let krate = self.input.krate_at(field.span());
                    match catalog::primitive(field.ty()) {
                        Some(primitive) => {
                            let method = Ident::new(primitive.entries_method(), Span::call_site());
                            let value = match primitive.widened_to() {
                                Some(wide) => {
                                    let wide = Ident::new(wide, Span::call_site());
                                    quote!(::core::primitive::#wide::from(*#binding))
                                }
                                None => quote!(*#binding),
                            };
                            quote!(#entries.#method(#name, #value))
                        }
                        None => quote_spanned! {field.span()=>
                            #krate::__private::Entries::entry(#entries, #name, #binding)
                        },
                    }
                });
                let mut calls: Vec<TokenStream> = calls.collect();
                let last = calls.pop();
                let body = quote!({ #(#calls?;)* #last });
                Some((fields, body.into()))
            },
            quote!(::core::result::Result::Ok(())),
        );
        quote! {
            #[inline]
            fn __write_details<__W: #krate::__private::Entries>(
                &self,
                #entries: &mut __W,
            ) -> ::core::result::Result<(), __W::Error> {
                #body
            }
        }
    }

    /// `DetailFields`, for a type with `detail` fields: its entries, as `__write_details`
    /// writes them, handed to the visitor.
    pub(super) fn impl_detail_fields(&self) -> TokenStream {
        let krate = &self.krate;
        let any = self
            .variants()
            .flat_map(|variant| &variant.fields)
            .any(|field| field.attrs.detail.is_set());
        if !any {
            return TokenStream::new();
        }
        let ident = &self.input.original.ident;
        let (impl_generics, ty_generics, _) = self.input.original.generics.split_for_impl();
        let where_clause = self.where_clause();
        quote! {
            #[automatically_derived]
            #[allow(unused_qualifications, deprecated, clippy::needless_lifetimes)]
            impl #impl_generics #krate::DetailFields for #ident #ty_generics #where_clause {
                fn visit_details(&self, __visitor: &mut dyn #krate::DetailVisitor) {
                    let ::core::result::Result::Ok(()) = #krate::ApiError::__write_details(
                        self,
                        &mut #krate::__private::ToVisitor(__visitor),
                    );
                }
            }
        }
    }
}
