//! Builds the tokens of the `ApiError` impl. Cannot fail: everything that can has failed in
//! `attr.rs` or `valid.rs`, and an invalid input gets `fallback.rs` instead. The where-predicates
//! are inferred beforehand, in `bound.rs`, so expansion is a function of the validated input.
//! This file assembles the impl; each part has its file in `expand/`: the facts (`facts.rs`),
//! the details (`details.rs`), the headers (`headers.rs`), the catalog (`catalog_entries.rs`,
//! `read_back.rs`), the checks against the envelope (`checks.rs`); the client impl is in
//! `client.rs`.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::ext::IdentExt;
use syn::{DeriveInput, Ident, Member};

use crate::ast::{Field, Input, Variant};
use crate::attr::{CodeValue, Retry};
use crate::errors::Errors;
use crate::status::Status;
use crate::translations::Translations;
use crate::{bound, fallback, translations, valid};

mod catalog_entries;
mod checks;
mod details;
mod facts;
mod headers;
mod locales;
mod read_back;
mod text;

use text::Source;

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::new();
    let parsed = Input::from_syn(input, &mut errors);
    valid::validate(&parsed, &mut errors);
    let translations = translations::load(&parsed, &mut errors);
    let items = match errors.finish() {
        Ok(()) => Expander::new(&parsed, &translations).impl_api_error(),
        Err(error) => fallback::expand(&parsed, error),
    };
    parsed.wrap(items)
}

/// A match arm: the fields it binds, and its body.
type Arm<'a> = (Vec<&'a Field<'a>>, Body);

/// The body of a match arm: tokens, or, where no diagnostic can point into the arm, Rust text
/// (see `text.rs`), and the arm's pattern is then text too.
enum Body {
    Tokens(TokenStream),
    Text(String),
}

impl From<TokenStream> for Body {
    fn from(tokens: TokenStream) -> Self {
        Body::Tokens(tokens)
    }
}

struct Expander<'a> {
    input: &'a Input<'a>,
    krate: TokenStream,
    /// The where-predicates of every impl, each followed by a comma: the type's own, then those
    /// its fields need.
    predicates: TokenStream,
    /// The types of the fields that go into the body, each once, with their text: their schemas
    /// are one function per type, not per field.
    schema_types: Vec<(String, &'a syn::Type)>,
    /// The messages in the type's other locales.
    translations: &'a Translations,
}

impl<'a> Expander<'a> {
    fn new(input: &'a Input<'a>, translations: &'a Translations) -> Self {
        let krate = input.krate();
        let existing = input
            .original
            .generics
            .where_clause
            .iter()
            .flat_map(|clause| &clause.predicates);
        let inferred = bound::infer(input, &krate);
        let mut schema_types: Vec<(String, &syn::Type)> = Vec::new();
        let fields = input.variants.iter().flat_map(|variant| &variant.fields);
        for field in
            fields.filter(|field| field.attrs.detail.is_set() || field.attrs.details.is_set())
        {
            let text = field.ty().to_token_stream().to_string();
            if schema_types.iter().all(|(known, _)| *known != text) {
                schema_types.push((text, field.ty()));
            }
        }
        Expander {
            input,
            predicates: quote!(#(#existing,)* #(#inferred,)*),
            krate,
            schema_types,
            translations,
        }
    }

    fn variants(&self) -> impl Iterator<Item = &'a Variant<'a>> + use<'a> {
        self.input.variants.iter()
    }

    fn where_clause(&self) -> TokenStream {
        let predicates = &self.predicates;
        if predicates.is_empty() {
            TokenStream::new()
        } else {
            quote!(where #predicates)
        }
    }

    fn impl_api_error(&self) -> TokenStream {
        let krate = &self.krate;
        let status = self.fn_status();
        let code = self.fn_code();
        let message = self.fn_fmt_message();
        let static_message = self.fn_static_message();
        let title = self.fn_title();
        let schemas = self.schemas();
        let untyped = self.untyped();
        let facts_table = self.facts_table();
        let index_fn = self.index_fn();
        let localized = self.fn_localized_messages();
        let included = self.included_files();
        let retry = self.fn_retry();
        let grpc = self.fn_grpc();
        let message_values = self.fn_message_values();
        let type_uri = self.fn_type_uri();
        let details = self.fn_details();
        let write_details = self.fn_write_details();
        let headers = self.fn_headers();
        let to_response_with = self.fn_to_response_with();
        let envelope_path = self.envelope_path();
        let detail_fields = self.impl_detail_fields();
        let (catalog, field_lists) = self.catalog();
        let codes_required = self.codes_required();
        let details_shadowed = self.details_shadowed();

        let ident = &self.input.original.ident;
        let (impl_generics, ty_generics, _) = self.input.original.generics.split_for_impl();
        let predicates = &self.predicates;
        let where_clause = self.where_clause();
        let client_impl = self.impl_from_response();
        // A gRPC error is one in a domain (AIP-193): only a type with one is a `tonic::Status`.
        let tonic_impl = self.input.attrs.domain.get().map(|_| {
            quote! {
                #krate::__private::tonic_impl! {
                    impl [#impl_generics] [#ident #ty_generics] [#predicates] [#envelope_path]
                }
            }
        });
        let code_index = match cfg!(feature = "client") {
            true => crate::client::code_index(self.input),
            false => TokenStream::new(),
        };
        // impl ApiError for Type { fn status(&self) -> StatusCode { match self { .. } } .. }
        quote! {
            #[automatically_derived]
            #[allow(unused_qualifications, deprecated, clippy::needless_lifetimes)]
            impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
                #status
                #code
                #message
                #to_response_with
                #static_message
                #title
                #type_uri
                #retry
                #grpc
                #message_values
                #details
                #write_details
                #headers
                #localized
                fn catalog() -> &'static #krate::catalog::Catalog {
                    Self::__ERRWIRE_CATALOG
                }

                fn as_error(&self) -> ::core::option::Option<&(dyn ::core::error::Error + 'static)> {
                    use #krate::__private::{NotError as _, ViaError as _};
                    (&&#krate::__private::Ref(self)).as_error()
                }
            }

            // The framework impls of the features errwire was built with: the derive cannot
            // see them, errwire's own macro can.
            #krate::__private::feature_impls! {
                impl [#impl_generics] [#ident #ty_generics] [#predicates] [#envelope_path]
            }
            #tonic_impl
            #client_impl

            #[automatically_derived]
            #[allow(unused_qualifications, deprecated, clippy::needless_lifetimes)]
            impl #impl_generics #ident #ty_generics #where_clause {
                #[doc(hidden)]
                const __ERRWIRE_CATALOG: &'static #krate::catalog::Catalog = &#catalog;
                #field_lists
                #code_index
                #index_fn
                #facts_table
                #schemas
                #untyped
            }

            #detail_fields
            #included
            #codes_required
            #details_shadowed
        }
    }

    /// `client::FromResponse`, with the `client` feature.
    fn impl_from_response(&self) -> TokenStream {
        if !cfg!(feature = "client") {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let body = crate::client::from_error_response(self.input, krate);
        let ident = &self.input.original.ident;
        let (impl_generics, ty_generics, _) = self.input.original.generics.split_for_impl();
        let predicates = &self.predicates;
        quote! {
            #[automatically_derived]
            #[allow(deprecated, clippy::redundant_closure_call)]
            impl #impl_generics #krate::client::FromResponse for #ident #ty_generics
            where
                #predicates
                Self: #krate::ApiError,
            {
                #body
            }
        }
    }

    /// `match self { Self::V { a: __f_a, .. } => body, .. }`, with `arm` giving the bound fields
    /// and the body of each variant, `None` for variants left to a final `_ => default`.
    fn match_self(
        &self,
        arm: impl Fn(&'a Variant<'a>) -> Option<Arm<'a>>,
        default: TokenStream,
    ) -> TokenStream {
        if self.input.variants.is_empty() {
            return quote!(match *self {});
        }
        // Variants with the same body and no bindings share one arm: `A { .. } | B { .. } => body`,
        // found by the body's text.
        let mut arms: Vec<(Vec<&Variant>, Arm)> = Vec::new();
        let mut by_body: HashMap<String, usize> = HashMap::new();
        let mut all_covered = true;
        for variant in self.variants() {
            let Some((fields, body)) = arm(variant) else {
                all_covered = false;
                continue;
            };
            if fields.is_empty() {
                let text = match &body {
                    Body::Tokens(tokens) => tokens.to_string(),
                    Body::Text(text) => text.clone(),
                };
                if let Some(&at) = by_body.get(&text) {
                    arms[at].0.push(variant);
                    continue;
                }
                by_body.insert(text, arms.len());
            }
            arms.push((vec![variant], (fields, body)));
        }
        let mut text = Source::default();
        if all_covered
            && let [(_, (fields, body))] = arms.as_slice()
            && fields.is_empty()
        {
            return match body {
                Body::Tokens(tokens) => tokens.clone(),
                Body::Text(body) => {
                    text.push(format_args!("{body}"));
                    text.take_tokens()
                }
            };
        }
        let mut tokens = TokenStream::new();
        for (variants, (fields, body)) in arms {
            match body {
                Body::Text(body) => {
                    for (index, variant) in variants.into_iter().enumerate() {
                        let or = if index == 0 { "" } else { " | " };
                        text.push(format_args!(
                            "{or}{}",
                            text::Pattern(self.input, variant, &fields)
                        ));
                    }
                    text.push(format_args!(" => {body},"));
                }
                Body::Tokens(body) => {
                    let patterns = variants
                        .into_iter()
                        .map(|variant| self.pattern(variant, &fields));
                    tokens.extend(quote!(#(#patterns)|* => #body,));
                }
            }
        }
        let text = text.take_tokens();
        let default = (!all_covered).then(|| quote!(_ => #default,));
        quote!(match self { #text #tokens #default })
    }

    fn pattern(&self, variant: &Variant, fields: &[&Field]) -> TokenStream {
        let path = self.input.path(variant);
        let bindings = fields.iter().map(|field| {
            let member = &field.member;
            let binding = binding(field);
            quote!(#member: #binding)
        });
        quote!(#path { #(#bindings,)* .. })
    }

    fn transparent_field(&self, variant: &'a Variant<'a>) -> Option<&'a Field<'a>> {
        self.input
            .is_transparent(variant)
            .then(|| variant.fields.first())
            .flatten()
    }

    fn any_transparent(&self) -> bool {
        self.variants()
            .any(|variant| self.input.is_transparent(variant))
    }

    /// `match_self` where transparent variants call `method` on their field, passing `args` after
    /// it; `own` gives the arms of the other variants (`None`: left to `default`).
    fn forwarding(
        &self,
        method: TokenStream,
        args: TokenStream,
        default: TokenStream,
        own: impl Fn(&'a Variant<'a>) -> Option<Arm<'a>>,
    ) -> TokenStream {
        let krate = &self.krate;
        self.match_self(
            |variant| match self.transparent_field(variant) {
                Some(field) => {
                    let binding = binding(field);
                    Some((
                        vec![field],
                        quote!(#krate::ApiError::#method(#binding #args)).into(),
                    ))
                }
                None => own(variant),
            },
            default,
        )
    }

    /// The variant's gRPC code, as `errwire::grpc::GrpcCode::NotFound`, and its reason, on a
    /// type with a domain; `None` on one without, for a `transparent` variant (whose errors are
    /// another type's), and where validation has reported that they are not decided.
    fn grpc_of(&self, variant: &Variant) -> Option<(TokenStream, String)> {
        self.input.attrs.domain.get()?;
        if self.input.is_transparent(variant) {
            return None;
        }
        let (code, reason) = crate::grpc::of(self.input, variant).ok()?;
        let krate = &self.krate;
        let code = Ident::new(&crate::grpc::variant(code), Span::call_site());
        Some((quote!(#krate::grpc::GrpcCode::#code), reason))
    }

    /// `forwarding` for a method without arguments, with an arm for every variant.
    fn forwarding_all(
        &self,
        method: TokenStream,
        own: impl Fn(&'a Variant<'a>) -> TokenStream,
    ) -> TokenStream {
        self.forwarding(method, TokenStream::new(), TokenStream::new(), |variant| {
            Some((Vec::new(), own(variant).into()))
        })
    }
}

/// `errwire::catalog::Retry::Throttle`, ...
fn retry_tokens(krate: &TokenStream, retry: Retry) -> TokenStream {
    let variant = Ident::new(retry.variant(), Span::call_site());
    quote!(#krate::catalog::Retry::#variant)
}

/// The local a field is bound to in a match arm, carrying the field's span for diagnostics.
fn binding(field: &Field) -> Ident {
    match &field.member {
        Member::Named(ident) => format_ident!("__f_{}", ident.unraw(), span = field.span()),
        Member::Unnamed(index) => format_ident!("__f_{}", index.index, span = field.span()),
    }
}

/// The constant as the user wrote it, else `StatusCode::NOT_FOUND` where the `http` crate names
/// the status, else a checked constant.
fn status_code(krate: &TokenStream, status: Option<&Status>) -> TokenStream {
    if let Some(path) = status.and_then(|status| status.path.as_ref()) {
        return path.to_token_stream();
    }
    let mut source = Source::default();
    source.push(format_args!(
        "{}",
        text::Status {
            krate: &krate.to_string(),
            number: status.map_or(500, |status| status.number),
        }
    ));
    source.take_tokens()
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

pub(crate) fn code_tokens(krate: &TokenStream, code: &CodeValue) -> TokenStream {
    match code {
        CodeValue::Str(code) => quote!(#krate::Code::Str(#code)),
        CodeValue::Int(code) => quote!(#krate::Code::Int(#code)),
    }
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::derive;

    #[test]
    fn a_valid_input_gets_its_impl_and_no_error() {
        let output = derive(&parse_quote! {
            enum E {
                #[api(status = 404, code = "not_found")]
                NotFound,
            }
        })
        .to_string();
        assert!(
            output.contains("impl :: errwire :: ApiError for E"),
            "{output}"
        );
        assert!(output.contains("StatusCode :: NOT_FOUND"), "{output}");
        assert!(!output.contains("compile_error"), "{output}");
    }

    #[test]
    fn the_fallback_impl_names_the_crate_path_given() {
        let output = derive(&parse_quote! {
            #[api(crate = wire)]
            enum E {
                #[api(status = 302)]
                Moved,
            }
        })
        .to_string();
        assert!(output.contains("use wire as __errwire ;"), "{output}");
        assert!(
            output.contains("impl __errwire :: ApiError for E"),
            "{output}"
        );
        assert!(!output.contains(":: errwire"), "{output}");
    }

    #[test]
    fn every_mistake_is_reported_beside_a_fallback_impl() {
        let output = derive(&parse_quote! {
            enum E {
                #[api(status = 302)]
                Moved,
                #[api(status = 404, stauts = 1)]
                Missing,
            }
        })
        .to_string();
        assert_eq!(output.matches("compile_error").count(), 2, "{output}");
        assert!(
            output.contains("impl :: errwire :: ApiError for E"),
            "{output}"
        );
        assert!(output.contains("unreachable"), "{output}");
    }
}

#[cfg(test)]
mod timing {
    /// How long the derive takes on a 1000-variant enum, by phase:
    /// `cargo test -p errwire-macros --lib timing -- --ignored --nocapture`. Outside a compiler
    /// run, where `proc_macro2` builds tokens itself and lexes text with its own lexer: the
    /// derive's cost inside rustc is measured with `scripts/compile_cost.py --instructions`.
    #[test]
    #[ignore = "prints timings; run by hand"]
    fn phases_of_a_large_enum() {
        use std::time::Instant;
        let variants: String = (0..1000)
            .map(|i| {
                format!(
                    "#[error(\"internal {i}\")] #[api(status = 404, code = \"error_{i}\", message = \"Error {i} on {{id}}\")] E{i} {{ #[api(detail)] id: u64 }},"
                )
            })
            .collect();
        let source =
            format!("#[derive(Debug, thiserror::Error, ApiError)] pub enum Big {{ {variants} }}");
        let start = Instant::now();
        let input: syn::DeriveInput = syn::parse_str(&source).unwrap();
        let parsed_at = start.elapsed();
        let mut errors = crate::errors::Errors::new();
        let parsed = super::Input::from_syn(&input, &mut errors);
        let read_at = start.elapsed();
        super::valid::validate(&parsed, &mut errors);
        let valid_at = start.elapsed();
        let translations = crate::translations::Translations::default();
        let expander = super::Expander::new(&parsed, &translations);
        let new_at = start.elapsed();
        let phases = [
            (
                "catalog",
                Box::new(|| expander.catalog().0) as Box<dyn Fn() -> proc_macro2::TokenStream>,
            ),
            (
                "client",
                Box::new(|| crate::client::from_error_response(&parsed, &expander.krate)),
            ),
            ("facts", Box::new(|| expander.facts_table())),
            ("fmt_message", Box::new(|| expander.fn_fmt_message())),
            ("write_details", Box::new(|| expander.fn_write_details())),
            ("all", Box::new(|| expander.impl_api_error())),
        ];
        println!(
            "parse {parsed_at:?}, read {:?}, validate {:?}, bounds {:?}",
            read_at - parsed_at,
            valid_at - read_at,
            new_at - valid_at
        );
        for (name, phase) in phases {
            let start = Instant::now();
            let tokens = phase();
            println!(
                "{name}: {:?}, {} tokens of text",
                start.elapsed(),
                tokens.to_string().len()
            );
        }
    }
}
