//! The catalog constant the derive writes: an entry per variant, each distinct list of field
//! entries and each detail type's schema function once.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::Ident;
use syn::ext::IdentExt;

use super::text::{self, Opt, Source, Str};
use super::{Expander, code_tokens, option, retry_tokens, status_code};
use crate::ast::{Field, Variant};
use crate::catalog;

impl<'a> Expander<'a> {
    /// `const __ERRWIRE_SCHEMA_0: fn() -> .. = || schema of T;`, one per type in
    /// `schema_types`, a constant the catalog's fields can name (an index into a slice would keep
    /// the catalog from being promoted to `'static`).
    pub(super) fn schemas(&self) -> TokenStream {
        let krate = &self.krate;
        let schemas = self.schema_types.iter().enumerate().map(|(index, (_, ty))| {
            let name = format_ident!("__ERRWIRE_SCHEMA_{index}");
            quote! {
                #[doc(hidden)]
                const #name: fn() -> ::core::option::Option<#krate::__private::serde_json::Value> = || {
                    use #krate::__private::{NoSchema as _, ViaJsonSchema as _, ViaToSchema as _};
                    (&&&#krate::__private::Type::<#ty>::NEW).own_schema()
                };
            }
        });
        quote!(#(#schemas)*)
    }

    /// The catalog, and the constants it names: each distinct list of field entries once, as
    /// variants often repeat one (a large catalog's constant costs the borrow checker for each
    /// array it holds).
    pub(super) fn catalog(&self) -> (TokenStream, TokenStream) {
        let krate = &self.krate;
        let envelope = self.envelope_path();
        let name = self.input.original.ident.unraw().to_string();
        let description = &self.input.attrs.docs;
        let krate_text = krate.to_string();
        let mut lists: Vec<(Vec<FieldFacts>, TokenStream)> = Vec::new();
        let mut entries = TokenStream::new();
        let mut plain = Source::default();
        for (variant_index, variant) in self.variants().enumerate() {
            let facts: Vec<FieldFacts> = variant
                .fields
                .iter()
                .filter(|field| self.input.shows(variant, field))
                .map(|field| self.field_facts(field))
                .collect();
            let index = match lists.iter().position(|(known, _)| *known == facts) {
                Some(index) => index,
                None => {
                    let fields = facts.iter().map(|field| self.catalog_field(field));
                    let list = quote!(&[#(#fields),*]);
                    lists.push((facts, list));
                    lists.len() - 1
                }
            };
            let translations = self.with_translations(variant_index);
            let grpc = self.with_grpc(variant);
            if self.is_plain(variant) && translations.is_empty() && grpc.is_empty() {
                // Most variants: the short form, as text.
                let attrs = self.input.attrs_of(variant);
                plain.push(format_args!(
                    "__plain({}, {}, {}, {}, {}, {}, __fields_{index}),",
                    Str(&variant.ident.unraw().to_string()),
                    text::Status {
                        krate: &krate_text,
                        number: self.input.status_number(variant),
                    },
                    Opt(self
                        .input
                        .code_of(variant)
                        .map(|(code, _)| code)
                        .as_ref()
                        .map(text::Code)),
                    Str(attrs
                        .message
                        .get()
                        .map_or("", |message| message.source.as_str())),
                    Opt(self.static_message(variant).as_deref().map(Str)),
                    Opt(self.type_uri(variant).as_deref().map(Str)),
                ));
            } else {
                entries.extend(plain.take_tokens());
                let fields = format_ident!("__fields_{index}");
                let entry = self.catalog_entry(variant, quote!(#fields));
                entries.extend(quote!(#entry #translations #grpc,));
            }
        }
        entries.extend(plain.take_tokens());
        // The entries name each list by a local: `Self::NAME` would be looked up among the
        // variants first, one by one, for every entry.
        let locals = (0..lists.len()).map(|index| {
            let local = format_ident!("__fields_{index}");
            let name = format_ident!("__ERRWIRE_FIELDS_{index}");
            quote!(let #local = Self::#name;)
        });
        let locals: TokenStream = locals.collect();
        let lists = lists.into_iter().enumerate().map(|(index, (_, list))| {
            let name = format_ident!("__ERRWIRE_FIELDS_{index}");
            quote! {
                #[doc(hidden)]
                const #name: &'static [#krate::catalog::FieldEntry] = #list;
            }
        });
        let type_base = self
            .input
            .attrs
            .type_base
            .get()
            .map(|base| quote!(.with_type_base(#base)));
        let domain = self
            .input
            .attrs
            .domain
            .get()
            .map(|domain| quote!(.with_domain(#domain)));
        let locales = self.translations.locales.iter();
        let locales = match self.translations.any() {
            true => quote!(.with_locales(&[#(#locales),*])),
            false => TokenStream::new(),
        };
        let retired = self
            .input
            .attrs
            .retired
            .get()
            .into_iter()
            .flatten()
            .map(|(code, _)| code_tokens(krate, code));
        let code_index = match cfg!(feature = "client") {
            true => quote!(.with_code_index(Self::__errwire_code_index)),
            false => TokenStream::new(),
        };
        let catalog = quote! {
            #krate::catalog::Catalog::new(#name, <#envelope as #krate::Envelope>::DYN)
                .with_description(#description)
                .with_entries(Self::__ERRWIRE_ENTRIES)
                .with_retired(&[#(#retired),*])
                .with_untyped(Self::__ERRWIRE_UNTYPED)
                #code_index
                #type_base
                #locales
                #domain
        };
        let lists = quote! {
            #(#lists)*

            #[doc(hidden)]
            const __ERRWIRE_ENTRIES: &'static [#krate::catalog::CatalogEntry] = {
                use ::core::option::Option::{None as __None, Some as __Some};
                use #krate::Code as __Code;
                use #krate::__private::plain_entry as __plain;
                #locals
                &[#entries]
            };
        };
        (catalog, lists)
    }

    /// `.with_grpc(code, reason)` for the entry of `variant`, on a type with a `domain`.
    fn with_grpc(&self, variant: &Variant<'_>) -> TokenStream {
        match self.grpc_of(variant) {
            Some((code, reason)) => quote!(.with_grpc(#code, #reason)),
            None => TokenStream::new(),
        }
    }

    /// Whether the variant's entry has only a name, status (a number), code, message and
    /// fields: most variants, written in a short form.
    fn is_plain(&self, variant: &Variant<'_>) -> bool {
        let attrs = self.input.attrs_of(variant);
        attrs.title.get().is_none()
            && attrs.docs.is_empty()
            && variant.deprecated.is_none()
            && self.input.attrs.headers.is_empty()
            && variant.own_headers().is_empty()
            && variant
                .fields
                .iter()
                .all(|field| !field.attrs.header.is_set())
            && !self.input.is_transparent(variant)
            && attrs.retry.get().is_none()
            && self
                .input
                .status_of(variant)
                .is_none_or(|status| status.path.is_none())
    }

    fn catalog_entry(&self, variant: &'a Variant<'a>, fields: TokenStream) -> TokenStream {
        let krate = &self.krate;
        let attrs = self.input.attrs_of(variant);
        let name = variant.ident.unraw().to_string();
        let description = attrs.docs.as_str();
        let transparent = self.transparent_field(variant);
        let status = option(
            transparent
                .is_none()
                .then(|| status_code(krate, self.input.status_of(variant))),
        );
        let code = option(
            self.input
                .code_of(variant)
                .map(|(code, _)| code_tokens(krate, &code)),
        );
        let title = option(attrs.title.get().map(ToTokens::to_token_stream));
        let message = attrs
            .message
            .get()
            .map_or("", |message| message.source.as_str());
        // A transparent entry's facts are those of the entries it forwards to.
        let own = |text: Option<String>| {
            option(
                text.filter(|_| transparent.is_none())
                    .map(|text| text.to_token_stream()),
            )
        };
        let static_message = own(self.static_message(variant));
        let type_uri = own(self.type_uri(variant));
        let deprecated = option(variant.deprecated.as_ref().map(ToTokens::to_token_stream));
        let fixed = self
            .input
            .attrs
            .headers
            .iter()
            .chain(variant.own_headers())
            .map(|header| {
                let value = &header.value;
                (&header.name, quote!(Fixed(#value)))
            });
        let from_fields = variant.fields.iter().filter_map(|field| {
            let name = field.attrs.header.get()?;
            let kind = Ident::new(catalog::header_kind(field.ty()), Span::call_site());
            Some((name, quote!(#kind)))
        });
        let headers = fixed.chain(from_fields).map(|(name, kind)| {
            let name = &name.written;
            quote!(#krate::catalog::HeaderEntry { name: #name, value: #krate::catalog::HeaderKind::#kind })
        });
        let retry = option(attrs.retry.get().map(|retry| retry_tokens(krate, *retry)));
        let forwards_to = option(transparent.map(|field| {
            let ty = field.ty();
            quote!(<#ty as #krate::ApiError>::catalog as fn() -> &'static #krate::catalog::Catalog)
        }));
        let headers: Vec<TokenStream> = headers.collect();
        quote! {
            #krate::__private::catalog_entry(#name, #status, #code, #title, #message,
                #static_message, #type_uri, #description, #deprecated, &[#(#headers),*], #fields, #forwards_to, #retry)
        }
    }

    /// What a field's catalog entry is written from.
    fn field_facts(&self, field: &'a Field<'a>) -> FieldFacts<'a> {
        let detail = field
            .attrs
            .detail
            .is_set()
            .then(|| field.detail_name())
            .flatten();
        let details = field.attrs.details.is_set();
        let (json_type, nullable) = catalog::json_type(field.ty());
        let ty = field.ty().to_token_stream().to_string();
        let schema = self
            .schema_types
            .iter()
            .position(|(known, _)| *known == ty)
            .filter(|_| detail.is_some() || details);
        FieldFacts {
            name: field.name(),
            detail,
            details,
            header: field.attrs.header.get().map(|name| name.written.as_str()),
            json_type,
            nullable,
            description: &field.attrs.docs,
            example: catalog::example_json(field).ok().flatten(),
            schema,
        }
    }

    fn catalog_field(&self, field: &FieldFacts) -> TokenStream {
        let krate = &self.krate;
        let FieldFacts {
            name,
            details,
            nullable,
            description,
            ..
        } = field;
        let detail = option(field.detail.as_ref().map(ToTokens::to_token_stream));
        let header = option(field.header.map(|name| name.to_token_stream()));
        let json_type = Ident::new(field.json_type, Span::call_site());
        let example = option(field.example.as_ref().map(ToTokens::to_token_stream));
        let schema = match field.schema {
            Some(index) => {
                let name = format_ident!("__ERRWIRE_SCHEMA_{index}");
                quote!(Self::#name)
            }
            None => quote!(#krate::__private::no_schema),
        };
        quote! {
            #krate::__private::catalog_field(#name, #detail, #details, #header,
                #krate::catalog::JsonType::#json_type, #nullable, #description, #example, #schema)
        }
    }
}

/// What a field's catalog entry is written from: two variants whose fields have the same facts
/// share one list.
#[derive(PartialEq)]
struct FieldFacts<'a> {
    name: String,
    detail: Option<String>,
    details: bool,
    header: Option<&'a str>,
    json_type: &'static str,
    nullable: bool,
    description: &'a str,
    example: Option<String>,
    /// The index of the type's schema function, for a field in the body.
    schema: Option<usize>,
}
