//! Builds the tokens of the `ApiError` impl. Cannot fail: everything that can has failed in
//! `attr.rs` or `valid.rs`, and an invalid input gets `fallback.rs` instead. The where-predicates
//! are inferred beforehand, in `bound.rs`, so expansion is a function of the validated input.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{DeriveInput, Ident, LitStr, Member};

use crate::ast::{Field, Input, Variant};
use crate::attr::{CodeValue, Retry};
use crate::catalog::Primitive;
use crate::errors::Errors;
use crate::header::HeaderName;
use crate::message::Piece;
use crate::status::{self, Status};
use crate::{bound, catalog, fallback, valid};

mod catalog_entries;
mod read_back;
mod text;

use text::{Opt, Source, Str};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::new();
    let parsed = Input::from_syn(input, &mut errors);
    valid::validate(&parsed, &mut errors);
    let items = match errors.finish() {
        Ok(()) => Expander::new(&parsed).impl_api_error(),
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
}

impl<'a> Expander<'a> {
    fn new(input: &'a Input<'a>) -> Self {
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
        let type_base = self.fn_type_base();
        let retry = self.fn_retry();
        let type_uri = self.fn_type_uri();
        let details = self.fn_details();
        let write_details = self.fn_write_details();
        let headers = self.fn_headers();
        let envelope = self.fn_envelope();
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
        // impl ApiError for Type { fn status(&self) -> StatusCode { match self { .. } } .. }
        quote! {
            #[automatically_derived]
            #[allow(unused_qualifications, deprecated, clippy::needless_lifetimes)]
            impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
                #status
                #code
                #message
                #envelope
                #static_message
                #title
                #type_base
                #type_uri
                #retry
                #details
                #write_details
                #headers
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
            #krate::__private::framework_impls! {
                impl [#impl_generics] [#ident #ty_generics] [#predicates] [#envelope_path]
            }
            #client_impl

            #[automatically_derived]
            #[allow(unused_qualifications, deprecated, clippy::needless_lifetimes)]
            impl #impl_generics #ident #ty_generics #where_clause {
                #[doc(hidden)]
                const __ERRWIRE_CATALOG: &'static #krate::catalog::Catalog = &#catalog;
                #field_lists
                #facts_table
                #schemas
                #untyped
            }

            #detail_fields
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

    /// A compile-time check per variant without a code, at the variant, that the envelope does
    /// not require one.
    fn codes_required(&self) -> TokenStream {
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
    fn details_shadowed(&self) -> TokenStream {
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

    /// `type_base` followed by the variant's code, when there are both.
    fn type_uri(&self, variant: &Variant) -> Option<String> {
        let base = self.input.attrs.type_base.get()?;
        let (code, _) = self.input.code_of(variant)?;
        Some(format!("{base}{code}"))
    }

    /// The variant's `title`, as written.
    fn title(&self, variant: &'a Variant<'a>) -> Option<TokenStream> {
        let title = self.input.attrs_of(variant).title.get()?;
        Some(title.to_token_stream())
    }

    /// Whether the facts that are the same for every occurrence (status, code, fixed message,
    /// title, `type` URI) are read from one table, by one `match` for the variant's index: for a
    /// type with variants, none of them `transparent`, whose facts all come from its own
    /// attributes.
    fn has_facts_table(&self) -> bool {
        !self.input.variants.is_empty() && !self.any_transparent()
    }

    /// `const __ERRWIRE_FACTS: &[Facts] = &[..];` and `fn __errwire_facts(&self) -> &'static
    /// Facts`, the table of [`has_facts_table`](Self::has_facts_table).
    fn facts_table(&self) -> TokenStream {
        if !self.has_facts_table() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let krate_text = krate.to_string();
        let mut rows = Source::default();
        let mut arms = Source::default();
        for (index, variant) in self.variants().enumerate() {
            let status = text::Status {
                krate: &krate_text,
                number: self.input.status_number(variant),
            };
            let code = self.input.code_of(variant).map(|(code, _)| code);
            let message = self.static_message(variant);
            let title = self.input.attrs_of(variant).title.get();
            let type_uri = self.type_uri(variant);
            rows.push(format_args!(
                "__Facts {{ status: {status}, code: {}, message: {}, title: {}, type_uri: {} }},",
                Opt(code.as_ref().map(text::Code)),
                Opt(message.as_deref().map(Str)),
                Opt(title.map(String::as_str).map(Str)),
                Opt(type_uri.as_deref().map(Str)),
            ));
            arms.push(format_args!(
                "{} => {index},",
                text::Pattern(self.input, variant, &[])
            ));
        }
        let rows = rows.take_tokens();
        let arms = arms.take_tokens();
        let index = quote!(match self { #arms });
        quote! {
            #[doc(hidden)]
            const __ERRWIRE_FACTS: &'static [#krate::__private::Facts] = {
                use ::core::option::Option::{None as __None, Some as __Some};
                use #krate::__private::Facts as __Facts;
                use #krate::Code as __Code;
                &[#rows]
            };

            #[doc(hidden)]
            #[inline]
            fn __errwire_facts(&self) -> &'static #krate::__private::Facts {
                &Self::__ERRWIRE_FACTS[#index]
            }
        }
    }

    fn fn_status(&self) -> TokenStream {
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

    fn fn_code(&self) -> TokenStream {
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

    fn fn_fmt_message(&self) -> TokenStream {
        let formatter = quote!(__formatter);
        let krate = &self.krate;
        // Messages without fields are written once, in `static_message`, and read from there.
        let body = self.forwarding(
            quote!(fmt_message),
            quote!(, #formatter),
            quote! {
                #formatter.write_str(#krate::ApiError::static_message(self).unwrap_or_default())
            },
            |variant| {
                self.static_message(variant)
                    .is_none()
                    .then(|| self.message_arm(variant, &formatter))
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
    fn message_arm(&self, variant: &'a Variant<'a>, formatter: &TokenStream) -> Arm<'a> {
        let message = self
            .input
            .attrs_of(variant)
            .message
            .get()
            .expect("a message without a template is static");
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
    fn static_message(&self, variant: &Variant<'_>) -> Option<String> {
        let Some(message) = self.input.attrs_of(variant).message.get() else {
            let reason = status::reason_phrase(self.input.status_number(variant));
            return Some(reason.unwrap_or("Error").to_owned());
        };
        message
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => Some(text.as_str()),
                Piece::Field(_) => None,
            })
            .collect()
    }

    fn fn_static_message(&self) -> TokenStream {
        let body = if self.has_facts_table() {
            quote!(self.__errwire_facts().message)
        } else {
            self.forwarding_all(quote!(static_message), |variant| {
                option(
                    self.static_message(variant)
                        .map(|text| text.to_token_stream()),
                )
            })
        };
        quote! {
            #[inline]
            fn static_message(&self) -> ::core::option::Option<&'static str> {
                #body
            }
        }
    }

    fn fn_title(&self) -> TokenStream {
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

    fn fn_retry(&self) -> TokenStream {
        let any_retry = self
            .variants()
            .any(|variant| self.input.attrs_of(variant).retry.is_set());
        if !any_retry && !self.any_transparent() {
            return TokenStream::new();
        }
        let krate = &self.krate;
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

    /// `type_uri`: `type_base` and the code as one literal per variant.
    fn fn_type_uri(&self) -> TokenStream {
        if self.input.attrs.type_base.get().is_none() {
            return TokenStream::new();
        }
        let body = if self.has_facts_table() {
            quote!(self.__errwire_facts().type_uri)
        } else {
            self.forwarding_all(quote!(type_uri), |variant| {
                option(self.type_uri(variant).map(|uri| quote!(#uri)))
            })
        };
        quote! {
            #[inline]
            fn type_uri(&self) -> ::core::option::Option<&'static str> {
                #body
            }
        }
    }

    fn fn_type_base(&self) -> TokenStream {
        let Some(base) = self.input.attrs.type_base.get() else {
            return TokenStream::new();
        };
        let body = self.forwarding_all(
            quote!(type_base),
            |_| quote!(::core::option::Option::Some(#base)),
        );
        quote! {
            fn type_base(&self) -> ::core::option::Option<&'static str> {
                #body
            }
        }
    }

    fn fn_details(&self) -> TokenStream {
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
    fn fn_write_details(&self) -> TokenStream {
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
    fn impl_detail_fields(&self) -> TokenStream {
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

    fn fn_headers(&self) -> TokenStream {
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
    fn header_arm(&self, variant: &'a Variant<'a>, headers: &TokenStream) -> Option<Arm<'a>> {
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

    /// The type's envelope: `#[api(envelope = ...)]`, else `Problem`.
    fn envelope_path(&self) -> TokenStream {
        let krate = &self.krate;
        match self.input.attrs.envelope.get() {
            Some(envelope) => envelope.to_token_stream(),
            None => quote!(#krate::Problem),
        }
    }

    fn fn_envelope(&self) -> TokenStream {
        let krate = &self.krate;
        let envelope = self.envelope_path();
        quote! {
            fn envelope(&self) -> &'static dyn #krate::envelope::DynEnvelope {
                <#envelope as #krate::Envelope>::DYN
            }

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
        let expander = super::Expander::new(&parsed);
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
