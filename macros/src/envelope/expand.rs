//! Emits a checked template: the unit struct, its `Envelope` impl, the template as a `const`,
//! and the fallback 500 body rendered from the same template.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::parse::{Declaration, Literal, Member, Object, Presence, SlotUse, Value};
use super::slots::{self, SlotKind};

pub fn expand(declaration: &Declaration) -> TokenStream {
    let content_type = declaration
        .content_type
        .as_ref()
        .map_or_else(|| "application/json".to_owned(), syn::LitStr::value);
    let fallback = fallback_object(&declaration.root);
    let krate = &declaration.krate;
    let template = quote!(#krate::__private::template);
    let root = object_tokens(&declaration.root, &template);
    let body = quote! {
        const TEMPLATE: #template::Object = #root;
        TEMPLATE.serialize(error, cx, serializer)
    };
    envelope_impl(declaration, &content_type, &fallback, &body)
}

/// The struct and an impl that is never run, for a declaration with mistakes.
pub fn placeholder(declaration: &Declaration) -> TokenStream {
    envelope_impl(
        declaration,
        "application/json",
        "{}",
        &quote! {
            let _ = (error, cx, serializer);
            ::core::unreachable!()
        },
    )
}

fn envelope_impl(
    declaration: &Declaration,
    content_type: &str,
    fallback: &str,
    body: &TokenStream,
) -> TokenStream {
    let Declaration {
        krate,
        attrs,
        vis,
        ident,
        ..
    } = declaration;
    quote! {
        #(#attrs)*
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default)]
        #vis struct #ident;

        impl #krate::Envelope for #ident {
            const CONTENT_TYPE: &'static str = #content_type;
            const FALLBACK_BODY: &'static str = #fallback;

            fn serialize_error<E, S>(
                error: &E,
                cx: &#krate::RenderContext<'_>,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error>
            where
                E: #krate::ApiError + ?::core::marker::Sized,
                S: #krate::__private::serde::Serializer,
            {
                #body
            }
        }
    }
}

fn object_tokens(object: &Object, template: &TokenStream) -> TokenStream {
    let members = object.members.iter().map(|member| match member {
        Member::Entry { key, value } => {
            let node = value_tokens(value, template);
            let omit_if_absent = matches!(value, Value::Slot(SlotUse { presence: Presence::Omit(_), .. }));
            quote!(#template::Member::Entry { key: #key, value: #node, omit_if_absent: #omit_if_absent })
        }
        Member::Flatten { .. } => quote!(#template::Member::FlattenDetails),
    });
    let keys = object.members.iter().filter_map(|member| match member {
        Member::Entry { key, .. } => Some(key),
        Member::Flatten { .. } => None,
    });
    quote!(#template::Object { members: &[#(#members),*], keys: &[#(#keys),*] })
}

fn value_tokens(value: &Value, template: &TokenStream) -> TokenStream {
    match value {
        Value::Literal(Literal::Null) => quote!(#template::Node::Null),
        Value::Literal(Literal::Bool(value)) => quote!(#template::Node::Bool(#value)),
        Value::Literal(Literal::Int(value)) => quote!(#template::Node::Int(#value)),
        Value::Literal(Literal::Uint(value)) => quote!(#template::Node::Uint(#value)),
        Value::Literal(Literal::Float(value)) => quote!(#template::Node::Float(#value)),
        Value::Literal(Literal::Str(value)) => quote!(#template::Node::Str(#value)),
        Value::Slot(slot) => {
            let variant = format_ident!("{}", slot_variant(slot));
            quote!(#template::Node::Slot(#template::Slot::#variant))
        }
        Value::Object(object) => {
            let object = object_tokens(object, template);
            quote!(#template::Node::Object(#object))
        }
        Value::Array(elements) => {
            let elements = elements
                .iter()
                .map(|element| value_tokens(element, template));
            quote!(#template::Node::Array(&[#(#elements),*]))
        }
    }
}

fn kind(slot: &SlotUse) -> &'static SlotKind {
    slots::lookup(&slot.name.to_string()).expect("check.rs rejects unknown slots")
}

fn slot_variant(slot: &SlotUse) -> &'static str {
    let kind = kind(slot);
    match (slot.as_string, kind.string_variant) {
        (Some(_), Some(variant)) => variant,
        _ => kind.variant,
    }
}

/// The body of the fallback 500 (no code, no details, no render context), written as
/// serde_json writes it.
fn fallback_object(object: &Object) -> String {
    let mut members = Vec::new();
    for member in &object.members {
        let Member::Entry { key, value } = member else {
            continue; // there are no details to flatten
        };
        let json = match value {
            Value::Slot(slot) => match (fallback_slot(slot), slot.presence) {
                (Some(json), _) => json.to_owned(),
                (None, Presence::Omit(_)) => continue,
                (None, _) => "null".to_owned(),
            },
            value => fallback_value(value),
        };
        members.push(format!("{}:{json}", json_string(&key.value())));
    }
    format!("{{{}}}", members.join(","))
}

fn fallback_value(value: &Value) -> String {
    match value {
        Value::Literal(Literal::Null) => "null".to_owned(),
        Value::Literal(Literal::Bool(value)) => value.to_string(),
        Value::Literal(Literal::Int(value)) => value.to_string(),
        Value::Literal(Literal::Uint(value)) => value.to_string(),
        Value::Literal(Literal::Float(value)) => {
            serde_json::to_string(value).expect("parse.rs rejects numbers that are not finite")
        }
        Value::Literal(Literal::Str(value)) => json_string(value),
        Value::Slot(slot) => fallback_slot(slot).unwrap_or("null").to_owned(),
        Value::Object(object) => fallback_object(object),
        Value::Array(elements) => {
            let elements: Vec<String> = elements.iter().map(fallback_value).collect();
            format!("[{}]", elements.join(","))
        }
    }
}

fn fallback_slot(slot: &SlotUse) -> Option<&'static str> {
    let kind = kind(slot);
    match slot.as_string {
        Some(_) => kind.fallback_string,
        None => kind.fallback,
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}
