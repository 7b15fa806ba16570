//! Rules that look at more than one key, variant or field: statuses, codes, messages against
//! fields, `transparent`, details and headers. Single-key checks happen while parsing (`attr.rs`).

use std::collections::{HashMap, HashSet};

use syn::Member;

use crate::ast::{Input, Variant};
use crate::attr::CodeValue;
use crate::errors::Errors;
use crate::header::HeaderName;
use crate::message::{FieldName, Message};

const RETRY_AFTER_STATUSES: &[u16] = &[413, 429, 503];

pub fn validate(input: &Input, errors: &mut Errors) {
    for variant in &input.variants {
        if input.is_transparent(variant) {
            check_transparent(input, variant, errors);
        } else {
            check_status(input, variant, errors);
            check_message(input, variant, errors);
            check_fields(input, variant, errors);
        }
        check_headers(input, variant, errors);
    }
    check_type_headers(input, errors);
    check_codes(input, errors);
    check_retired(input, errors);
    check_grpc(input, errors);
}

/// On a type with a `domain`, each variant's gRPC code and reason, a reason to each; on one
/// without, no variant says either.
fn check_grpc(input: &Input, errors: &mut Errors) {
    if input.attrs.domain.get().is_none() {
        for variant in &input.variants {
            if let Some((key, span)) = crate::grpc::without_domain(input, variant) {
                errors.push(syn::Error::new(
                    span,
                    format!("`{key}` is what a variant is over gRPC, and the type is not a gRPC error; add #[api(domain = \"rooms.example.com\")] to the type (AIP-193's ErrorInfo.domain)"),
                ));
            }
        }
        return;
    }
    let mut reasons: HashMap<String, &Variant> = HashMap::new();
    for variant in &input.variants {
        let attrs = input.attrs_of(variant);
        // A rejected `grpc` or `reason` is the one mistake: not also a variant without one.
        let rejected = |written: bool, set: bool| written && !set;
        if input.is_transparent(variant)
            || rejected(attrs.grpc.is_written(), attrs.grpc.is_set())
            || rejected(attrs.reason.is_written(), attrs.reason.is_set())
        {
            continue;
        }
        match crate::grpc::of(input, variant) {
            Err(error) => errors.push(error),
            Ok((_, reason)) => {
                if let Some(first) = reasons.get(&reason) {
                    errors.push(syn::Error::new(
                        variant.ident.span(),
                        format!("`{}` has the gRPC reason \"{reason}\" that `{}` has, and a client tells errors apart by their reason; give one of them #[api(reason = \"...\")]", variant.ident, first.ident),
                    ));
                } else {
                    reasons.insert(reason, variant);
                }
            }
        }
    }
}

fn check_status(input: &Input, variant: &Variant, errors: &mut Errors) {
    let written = input.attrs_of(variant).status.is_written() || input.attrs.status.is_written();
    if input.status_of(variant).is_none() && !written {
        let fix = if input.is_enum {
            "add #[api(status = 404)] (or the right code) to the variant, or a default #[api(status = ...)] to the enum"
        } else {
            "add #[api(status = 404)] (or the right code) to the struct"
        };
        errors.push(syn::Error::new(
            variant.ident.span(),
            format!("`{}` has no status; {fix}", variant.ident),
        ));
    }
}

fn check_message(input: &Input, variant: &Variant, errors: &mut Errors) {
    let attrs = input.attrs_of(variant);
    let client_error = input
        .status_of(variant)
        .is_some_and(|status| !status.is_server_error());
    if let Some(span) = attrs.expose.span()
        && client_error
    {
        errors.push(syn::Error::new(span, "`expose` only matters on a 5xx variant, whose fields are private by default; remove it"));
    }
    if let Some(message) = attrs.message.get() {
        check_placeholders(input, variant, message, None, errors);
    }
}

/// Each placeholder of `message` (the default one, or the one in `locale`) names a field of
/// `variant` that its message may show: not one of a 5xx unless it says `expose`; in another
/// locale, only one the default message or the wire shows, so that every reader of the catalog
/// knows it.
pub fn check_placeholders(
    input: &Input,
    variant: &Variant,
    message: &Message,
    locale: Option<&str>,
    errors: &mut Errors,
) {
    let attrs = input.attrs_of(variant);
    let server_error = input
        .status_of(variant)
        .is_some_and(|status| status.is_server_error());
    let which = match locale {
        Some(locale) => format!("the `{locale}` message"),
        None => "the message".to_owned(),
    };
    for placeholder in message.placeholders() {
        if let FieldName::Named(name) = &placeholder.name
            && variant.is_tuple()
        {
            errors.push(syn::Error::new(
                message.span,
                format!(
                    "`{{{name}}}`: the fields of `{}` have no names; refer to them by position, as `{{0}}`",
                    variant.ident
                ),
            ));
            continue;
        }
        let member = placeholder.name.member(message.span);
        let Some(field) = variant.field_named(&member) else {
            errors.push(syn::Error::new(
                message.span,
                no_such_field(variant, &placeholder.name),
            ));
            continue;
        };
        if server_error && !attrs.expose.is_set() {
            errors.push(syn::Error::new(
                message.span,
                format!(
                    "{which} of a 5xx error shows `{}`, which may carry internal text; add #[api(expose)] if it is safe to send, or take it out of the message",
                    placeholder.name.describe()
                ),
            ));
        } else if locale.is_some() && !input.shows(variant, field) {
            errors.push(syn::Error::new(
                message.span,
                format!(
                    "{which} shows `{}`, which neither the default message nor the wire shows; show it in the default message too, or mark it `detail`",
                    placeholder.name.describe()
                ),
            ));
        }
    }
}

fn no_such_field(variant: &Variant, name: &FieldName) -> String {
    let fields: Vec<String> = variant
        .fields
        .iter()
        .map(|field| match &field.member {
            Member::Named(ident) => ident.to_string(),
            Member::Unnamed(index) => format!("{{{}}}", index.index),
        })
        .collect();
    let what = match name {
        FieldName::Named(name) => format!("no field named `{name}` in `{}`", variant.ident),
        FieldName::Index(index) => format!("no field `{{{index}}}` in `{}`", variant.ident),
    };
    if fields.is_empty() {
        format!("{what}; it has no fields")
    } else {
        format!("{what}; fields are: {}", fields.join(", "))
    }
}

fn check_fields(input: &Input, variant: &Variant, errors: &mut Errors) {
    let attrs = input.attrs_of(variant);
    let server_error = input
        .status_of(variant)
        .is_some_and(|status| status.is_server_error());
    let mut details_field = None;
    let mut detail_field = None;
    let mut names = HashSet::new();
    for field in &variant.fields {
        if let Err(error) = crate::catalog::example_json(field) {
            errors.push(error);
        }
        if let Some(span) = field.attrs.example.span()
            && !input.shows(variant, field)
        {
            errors.push(syn::Error::new(
                span,
                "an example is shown for a field that goes on the wire or into the message; mark the field `detail` or `header`, or name it in the message, or remove `example`",
            ));
        }
        if let Some(span) = field.attrs.details.span() {
            let (json_type, _) = crate::catalog::json_type(field.ty());
            if matches!(
                json_type,
                "String" | "Integer" | "Number" | "Boolean" | "Array"
            ) {
                let ty = field.ty();
                let ty = quote::quote!(#ty).to_string().replace(' ', "");
                errors.push(syn::Error::new_spanned(
                    field.ty(),
                    format!(
                        "`details` makes this field the whole details object, a JSON object, and `{ty}` is not one; did you mean `detail`?"
                    ),
                ));
            }
            if details_field.is_some() {
                errors.push(syn::Error::new(span, "only one field can be the whole details object; mark the others #[api(detail)]"));
            }
            details_field.get_or_insert(span);
        }
        if let Some(span) = field.attrs.detail.span() {
            detail_field.get_or_insert(span);
            if let Some(name) = field.detail_name()
                && !names.insert(name.clone())
            {
                errors.push(syn::Error::new(
                    span,
                    format!(
                        "two details named `{name}`; rename one with `detail = \"other_name\"`"
                    ),
                ));
            }
        }
        let exposed = field.attrs.detail.span().or(field.attrs.details.span());
        if let Some(span) = exposed
            && server_error
            && !attrs.expose.is_set()
        {
            errors.push(syn::Error::new(
                span,
                "a 5xx error's details may carry internal text; add #[api(expose)] to the variant if this field is safe to send",
            ));
        }
    }
    if let Some(details) = details_field
        && detail_field.is_some()
    {
        errors.push(syn::Error::new(
            details,
            "a variant has either `detail` fields or one `details` field, not both; make this field `detail`, or put the others inside it",
        ));
    }
}

fn check_transparent(input: &Input, variant: &Variant, errors: &mut Errors) {
    let attrs = input.attrs_of(variant);
    let Some(transparent) = attrs.transparent.span() else {
        return;
    };
    if variant.fields.len() != 1 {
        errors.push(syn::Error::new(
            transparent,
            format!(
                "`transparent` needs exactly one field, the error it forwards to; `{}` has {}",
                variant.ident,
                variant.fields.len()
            ),
        ));
    }
    for (key, span) in attrs.set_keys() {
        errors.push(syn::Error::new(
            span,
            format!("`{key}` cannot be combined with `transparent`: the forwarded error decides it; remove it"),
        ));
    }
    for field in &variant.fields {
        for (key, span) in field.attrs.set_keys() {
            errors.push(syn::Error::new(
                span,
                format!("`{key}` on the field of a transparent variant: the forwarded error decides it; remove it"),
            ));
        }
    }
}

/// Type-level headers go on every variant's response: checked once, against every variant.
fn check_type_headers(input: &Input, errors: &mut Errors) {
    let mut seen = HashSet::new();
    for header in &input.attrs.headers {
        if !seen.insert(header.name.lowercase.as_str()) {
            errors.push(syn::Error::new(
                header.name.span,
                format!("header `{}` is set twice", header.name.written),
            ));
        }
        let misfit = input
            .variants
            .iter()
            .find(|variant| !retry_after_fits(input, variant, &header.name));
        if let Some(variant) = misfit {
            errors.push(retry_after_misfit(input, variant, &header.name));
        }
    }
}

/// The type's own headers were checked once, by `check_type_headers`.
fn check_headers(input: &Input, variant: &Variant, errors: &mut Errors) {
    let mut seen: HashSet<&str> = input
        .attrs
        .headers
        .iter()
        .map(|header| header.name.lowercase.as_str())
        .collect();
    let own = variant.own_headers().iter().map(|header| &header.name);
    let from_fields = variant
        .fields
        .iter()
        .filter_map(|field| field.attrs.header.get());
    for name in own.chain(from_fields) {
        if !seen.insert(name.lowercase.as_str()) {
            errors.push(syn::Error::new(
                name.span,
                format!(
                    "header `{}` is set twice for `{}`",
                    name.written, variant.ident
                ),
            ));
        }
        if !retry_after_fits(input, variant, name) {
            errors.push(retry_after_misfit(input, variant, name));
        }
    }
}

fn retry_after_fits(input: &Input, variant: &Variant, name: &HeaderName) -> bool {
    name.lowercase != "retry-after"
        || input.is_transparent(variant)
        || input
            .status_of(variant)
            .is_none_or(|status| RETRY_AFTER_STATUSES.contains(&status.number))
}

fn retry_after_misfit(input: &Input, variant: &Variant, name: &HeaderName) -> syn::Error {
    let status = input.status_number(variant);
    syn::Error::new(
        name.span,
        format!(
            "Retry-After belongs on a 413, 429 or 503 response (RFC 9110, RFC 6585), and `{}` is a {status}; change the status or drop the header",
            variant.ident
        ),
    )
}

/// A code the type retired cannot be used again, and retired codes are of the codes' kind.
fn check_retired(input: &Input, errors: &mut Errors) {
    let Some(retired) = input.attrs.retired.get() else {
        return;
    };
    let current: Vec<(CodeValue, proc_macro2::Span)> = input
        .variants
        .iter()
        .filter_map(|variant| input.code_of(variant))
        .collect();
    for (code, span) in &current {
        if retired.iter().any(|(old, _)| old == code) {
            errors.push(syn::Error::new(
                *span,
                format!(
                    "code {} is retired: clients may still read it as the old error; choose a new code",
                    code.describe()
                ),
            ));
        }
    }
    if let Some((first, _)) = current.first() {
        let int = matches!(first, CodeValue::Int(_));
        if let Some((_, span)) = retired
            .iter()
            .find(|(old, _)| matches!(old, CodeValue::Int(_)) != int)
        {
            errors.push(syn::Error::new(
                *span,
                "a retired code is of the kind of the type's codes: all strings or all integers",
            ));
        }
    }
}

fn check_codes(input: &Input, errors: &mut Errors) {
    let mut first_of_kind = None;
    let mut owners: HashMap<CodeValue, (&syn::Ident, bool)> = HashMap::new();
    for variant in &input.variants {
        let attrs = input.attrs_of(variant);
        let shared = attrs.shared_code.is_set();
        let Some((code, span)) = input.code_of(variant) else {
            if let Some(span) = attrs.shared_code.span() {
                errors.push(syn::Error::new(
                    span,
                    "`shared_code` needs a `code` to share",
                ));
            }
            continue;
        };
        let is_int = matches!(code, CodeValue::Int(_));
        match first_of_kind {
            None => first_of_kind = Some(is_int),
            Some(kind) if kind != is_int => errors.push(syn::Error::new(
                span,
                "the codes of one type are all strings or all integers; this one differs from the first",
            )),
            Some(_) => {}
        }
        match owners.get(&code) {
            Some((owner, owner_shared)) if !(shared && *owner_shared) => errors.push(syn::Error::new(
                span,
                format!(
                    "code {} is already used by `{owner}`; give each variant its own code, or mark both #[api(shared_code)] to share it on purpose",
                    code.describe()
                ),
            )),
            Some(_) => {}
            None => {
                owners.insert(code, (variant.ident, shared));
            }
        }
    }
    for variant in &input.variants {
        let attrs = input.attrs_of(variant);
        let (Some(span), Some((code, _))) = (attrs.shared_code.span(), input.code_of(variant))
        else {
            continue;
        };
        let sharers = input
            .variants
            .iter()
            .filter(|other| {
                input
                    .code_of(other)
                    .is_some_and(|(other_code, _)| other_code == code)
            })
            .count();
        if sharers < 2 {
            errors.push(syn::Error::new(
                span,
                format!(
                    "`shared_code`, but no other variant has code {}; remove `shared_code`",
                    code.describe()
                ),
            ));
        }
    }
}
