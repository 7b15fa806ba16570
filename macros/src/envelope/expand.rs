//! Emits a checked template: the unit struct and its `Envelope` impl, whose `serialize_error`
//! is straight-line code for the template, with a nested `Serialize` type per object or array
//! below the root.

use proc_macro2::{Literal as Token, TokenStream};
use quote::{ToTokens, format_ident, quote};

use super::parse::{Declaration, Leaf, Literal, Member, Object, Presence, Value};
use super::{failsafe, slots};

pub fn expand(declaration: &Declaration) -> TokenStream {
    let content_type = declaration
        .content_type
        .as_ref()
        .map_or_else(|| "application/json".to_owned(), syn::LitStr::value);
    let failsafe = failsafe::render(&declaration.root);
    let mut generator = Generator {
        krate: &declaration.krate,
        nodes: Vec::new(),
    };
    let root = generator.object(&declaration.root);
    let nodes = generator.nodes;
    let body = quote! {
        #(#nodes)*
        #root
    };
    let requires_code = requires_code(&declaration.root);
    let template = object_node(&declaration.root, &declaration.krate);
    envelope_impl(
        declaration,
        &content_type,
        &failsafe,
        requires_code,
        Some(&template),
        &body,
    )
}

/// The template as data: `Node::Object(&[Member::Entry("error", Node::Slot(..)), ..])`.
fn object_node(object: &Object, krate: &TokenStream) -> TokenStream {
    let members = object.members.iter().map(|member| match member {
        Member::Entry { key, value } => {
            let value = node(value, krate);
            quote!(#krate::envelope::Member::Entry(#key, #value))
        }
        Member::Flatten { .. } => quote!(#krate::envelope::Member::Details),
    });
    quote!(#krate::envelope::Node::Object(&[#(#members),*]))
}

fn node(value: &Value, krate: &TokenStream) -> TokenStream {
    match value {
        Value::Literal(literal) => {
            let json = failsafe::literal_json(literal);
            quote!(#krate::envelope::Node::Literal(#json))
        }
        Value::Slot(slot) => {
            let variant = format_ident!("{}", slots::variant(slot));
            let presence = format_ident!(
                "{}",
                match slot.presence {
                    Presence::Always => "Always",
                    Presence::Omit(_) => "Omit",
                    Presence::Null(_) => "Null",
                }
            );
            quote!(#krate::envelope::Node::Slot(
                #krate::envelope::Slot::#variant,
                #krate::envelope::Presence::#presence
            ))
        }
        Value::Object(object) => object_node(object, krate),
        Value::Array(elements) => {
            let elements = elements.iter().map(|element| node(element, krate));
            quote!(#krate::envelope::Node::Array(&[#(#elements),*]))
        }
    }
}

/// Whether the template writes `code` without a presence rule anywhere.
fn requires_code(object: &Object) -> bool {
    object.any_leaf(&mut |leaf| {
        matches!(leaf, Leaf::Slot(slot) if slot.name == "code" && matches!(slot.presence, Presence::Always))
    })
}

/// The struct and an impl that is never run, for a declaration with mistakes.
pub fn fallback(declaration: &Declaration) -> TokenStream {
    envelope_impl(
        declaration,
        "application/json",
        "{}",
        false,
        None,
        &quote! {
            let _ = (__error, __cx, __serializer);
            ::core::unreachable!()
        },
    )
}

fn envelope_impl(
    declaration: &Declaration,
    content_type: &str,
    failsafe: &str,
    requires_code: bool,
    template: Option<&TokenStream>,
    body: &TokenStream,
) -> TokenStream {
    let Declaration {
        krate,
        attrs,
        vis,
        ident,
        ..
    } = declaration;
    let template_const = template.map(|template| {
        quote!(const TEMPLATE: ::core::option::Option<&'static #krate::envelope::Node> = ::core::option::Option::Some(&#template);)
    });
    quote! {
        #(#attrs)*
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default)]
        #vis struct #ident;

        impl #krate::Envelope for #ident {
            const CONTENT_TYPE: &'static str = #content_type;
            const FAILSAFE_BODY: &'static str = #failsafe;
            const REQUIRES_CODE: bool = #requires_code;
            #template_const

            fn serialize_error<E, S>(
                __error: &E,
                __cx: &#krate::RenderContext<'_>,
                __serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error>
            where
                E: #krate::ApiError,
                S: #krate::__private::serde::Serializer,
            {
                #body
            }
        }
    }
}

struct Generator<'a> {
    krate: &'a TokenStream,
    /// The `Serialize` types of the nested objects and arrays written so far.
    nodes: Vec<TokenStream>,
}

/// Code that writes a value, and whether it reads `__error` and `__cx`.
struct Code {
    tokens: TokenStream,
    reads_inputs: bool,
}

impl Generator<'_> {
    /// Statements that write `object` into `__serializer`, evaluating to its `Result`.
    fn object(&mut self, object: &Object) -> TokenStream {
        let krate = self.krate;
        let template = quote!(#krate::__private::template);
        let serde = quote!(#krate::__private::serde);
        let keys: Vec<String> = object
            .members
            .iter()
            .filter_map(|member| match member {
                Member::Entry { key, .. } => Some(key.value()),
                Member::Flatten { .. } => None,
            })
            .collect();
        let mut reads_inputs = false;
        let mut statements = Vec::new();
        for member in &object.members {
            let statement = match member {
                Member::Entry {
                    key,
                    value: Value::Slot(slot),
                } => {
                    let variant = format_ident!("{}", slots::variant(slot));
                    let omit_if_absent = matches!(slot.presence, Presence::Omit(_));
                    reads_inputs = true;
                    quote! {
                        #template::entry(&mut __map, #key, #template::Slot::#variant, #omit_if_absent, __error, __cx)?;
                    }
                }
                Member::Entry { key, value } => {
                    let value = self.value(value);
                    reads_inputs |= value.reads_inputs;
                    let value = value.tokens;
                    quote!(#serde::ser::SerializeMap::serialize_entry(&mut __map, #key, &#value)?;)
                }
                Member::Flatten { .. } => {
                    reads_inputs = true;
                    quote! {
                        #template::flatten(
                            &mut __map,
                            const { &#template::Reserved::new(&[#(#keys),*]) },
                            __error,
                        )?;
                    }
                }
            };
            statements.push(statement);
        }
        let unused = (!reads_inputs).then(|| quote!(let _ = (__error, __cx);));
        quote! {
            #unused
            let mut __map = #serde::Serializer::serialize_map(__serializer, ::core::option::Option::None)?;
            #(#statements)*
            #serde::ser::SerializeMap::end(__map)
        }
    }

    /// Statements that write `elements` as an array into `__serializer`.
    fn array(&mut self, elements: &[Value]) -> TokenStream {
        let krate = self.krate;
        let serde = quote!(#krate::__private::serde);
        let len = elements.len();
        let mut reads_inputs = false;
        let statements: Vec<TokenStream> = elements
            .iter()
            .map(|element| {
                let value = self.value(element);
                reads_inputs |= value.reads_inputs;
                let value = value.tokens;
                quote!(#serde::ser::SerializeSeq::serialize_element(&mut __seq, &#value)?;)
            })
            .collect();
        let unused = (!reads_inputs).then(|| quote!(let _ = (__error, __cx);));
        quote! {
            #unused
            let mut __seq = #serde::Serializer::serialize_seq(__serializer, ::core::option::Option::Some(#len))?;
            #(#statements)*
            #serde::ser::SerializeSeq::end(__seq)
        }
    }

    /// An expression for `value` that implements `Serialize`.
    fn value(&mut self, value: &Value) -> Code {
        let krate = self.krate;
        let literal = |tokens| Code {
            tokens,
            reads_inputs: false,
        };
        match value {
            Value::Literal(Literal::Null) => literal(quote!(())),
            Value::Literal(Literal::Bool(value)) => literal(quote!(#value)),
            Value::Literal(Literal::Int(value)) => {
                literal(Token::i64_suffixed(*value).into_token_stream())
            }
            Value::Literal(Literal::Uint(value)) => {
                literal(Token::u64_suffixed(*value).into_token_stream())
            }
            Value::Literal(Literal::Float(value)) => {
                literal(Token::f64_suffixed(*value).into_token_stream())
            }
            Value::Literal(Literal::Str(value)) => literal(quote!(#value)),
            Value::Slot(slot) => {
                let variant = format_ident!("{}", slots::variant(slot));
                Code {
                    tokens: quote!(#krate::__private::template::value(#krate::__private::template::Slot::#variant, __error, __cx)),
                    reads_inputs: true,
                }
            }
            Value::Object(object) => {
                let body = self.object(object);
                self.node(body)
            }
            Value::Array(elements) => {
                let body = self.array(elements);
                self.node(body)
            }
        }
    }

    /// A `Serialize` type whose `serialize` is `body`, and an expression of it.
    fn node(&mut self, body: TokenStream) -> Code {
        let krate = self.krate;
        let serde = quote!(#krate::__private::serde);
        let name = format_ident!("__ErrwireNode{}", self.nodes.len());
        self.nodes.push(quote! {
            struct #name<'__a, '__c, E>(&'__a E, &'__a #krate::RenderContext<'__c>);

            impl<E: #krate::ApiError> #serde::Serialize for #name<'_, '_, E> {
                fn serialize<S: #serde::Serializer>(&self, __serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    let (__error, __cx) = (self.0, self.1);
                    #body
                }
            }
        });
        Code {
            tokens: quote!(#name(__error, __cx)),
            reads_inputs: true,
        }
    }
}
