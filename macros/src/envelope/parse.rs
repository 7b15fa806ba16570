//! Reads an `envelope!` declaration into a tree of members, literals and slots. Only the syntax is
//! checked here; `check.rs` decides whether the tree makes sense.

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Ident, LitStr, Token, Visibility, braced, bracketed};

/// `#[attrs] pub struct Name { members }`, after the crate path the wrapper macro prepends.
pub struct Declaration {
    pub krate: TokenStream,
    /// The attributes that go on the generated struct, doc comments included.
    pub attrs: Vec<Attribute>,
    pub content_type: Option<LitStr>,
    pub vis: Visibility,
    pub ident: Ident,
    pub root: Object,
}

pub struct Object {
    pub members: Vec<Member>,
}

pub enum Member {
    /// `"key": value`
    Entry { key: LitStr, value: Value },
    /// `..details`
    Flatten { slot: Ident },
}

pub enum Value {
    Literal(Literal),
    Slot(SlotUse),
    Object(Object),
    Array(Vec<Value>),
}

pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
}

/// What a template's tree ends in, other than literals.
pub enum Leaf<'a> {
    Slot(&'a SlotUse),
    /// `..details`.
    Flatten,
}

impl Object {
    /// Whether `f` holds for any slot or flattening of the tree, at any depth.
    pub fn any_leaf(&self, f: &mut impl FnMut(Leaf) -> bool) -> bool {
        self.members.iter().any(|member| match member {
            Member::Entry { value, .. } => value.any_leaf(f),
            Member::Flatten { .. } => f(Leaf::Flatten),
        })
    }
}

impl Value {
    fn any_leaf(&self, f: &mut impl FnMut(Leaf) -> bool) -> bool {
        match self {
            Value::Literal(_) => false,
            Value::Slot(slot) => f(Leaf::Slot(slot)),
            Value::Object(object) => object.any_leaf(f),
            Value::Array(elements) => elements.iter().any(|element| element.any_leaf(f)),
        }
    }
}

/// A slot as written: `code`, `status as string`, `details?`, `details | null`.
pub struct SlotUse {
    pub name: Ident,
    /// The `as` of `as string`.
    pub as_string: Option<Span>,
    pub presence: Presence,
}

#[derive(Clone, Copy)]
pub enum Presence {
    /// No rule written: the member is always there.
    Always,
    /// `?`: the member is left out when the slot has no value.
    Omit(Span),
    /// `| null`: the member is `null` when the slot has no value.
    Null(Span),
}

impl Parse for Declaration {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let krate = input.step(|cursor| {
            let mut rest = *cursor;
            let mut krate = TokenStream::new();
            while let Some((token, next)) = rest.token_tree() {
                if matches!(&token, proc_macro2::TokenTree::Punct(p) if p.as_char() == ';') {
                    return Ok((krate, next));
                }
                krate.extend([token]);
                rest = next;
            }
            Err(cursor.error("expected the crate path and `;`"))
        })?;
        let mut attrs = Vec::new();
        let mut content_type = None;
        for attr in input.call(Attribute::parse_outer)? {
            if attr.path().is_ident("content_type") {
                content_type = Some(parse_content_type(&attr)?);
            } else {
                attrs.push(attr);
            }
        }
        let vis = input.parse()?;
        input.parse::<Token![struct]>()?;
        let ident = input.parse()?;
        let content;
        braced!(content in input);
        let root = parse_object(&content)?;
        if !input.is_empty() {
            return Err(
                input.error("one envelope per `envelope!`; declare the next one in its own")
            );
        }
        Ok(Declaration {
            krate,
            attrs,
            content_type,
            vis,
            ident,
            root,
        })
    }
}

fn parse_content_type(attr: &Attribute) -> syn::Result<LitStr> {
    let value = &attr.meta.require_name_value().map_err(|_| {
        syn::Error::new_spanned(
            &attr.meta,
            "write the content type as #[content_type = \"application/json\"]",
        )
    })?;
    match &value.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) => Ok(lit.clone()),
        other => Err(syn::Error::new_spanned(
            other,
            "the content type is a string literal, e.g. \"application/json\"",
        )),
    }
}

/// The members between an object's braces.
fn parse_object(input: ParseStream) -> syn::Result<Object> {
    let mut members = Vec::new();
    while !input.is_empty() {
        members.push(parse_member(input)?);
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(Object { members })
}

fn parse_member(input: ParseStream) -> syn::Result<Member> {
    if input.peek(Token![..]) {
        input.parse::<Token![..]>()?;
        let slot = input.call(Ident::parse_any)?;
        return Ok(Member::Flatten { slot });
    }
    if input.peek(Ident::peek_any) {
        let name = input.call(Ident::parse_any)?;
        return Err(syn::Error::new(
            name.span(),
            format!("a member name is a string literal: write `\"{name}\": ...`"),
        ));
    }
    let key: LitStr = input.parse()?;
    input.parse::<Token![:]>()?;
    let value = parse_value(input)?;
    Ok(Member::Entry { key, value })
}

fn parse_value(input: ParseStream) -> syn::Result<Value> {
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        return Ok(Value::Object(parse_object(&content)?));
    }
    if input.peek(syn::token::Bracket) {
        let content;
        bracketed!(content in input);
        let mut elements = Vec::new();
        while !content.is_empty() {
            if content.peek(Token![..]) {
                return Err(content.error(
                    "details can be flattened only into an object; \
                     write `..details` among an object's members",
                ));
            }
            elements.push(parse_value(&content)?);
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        return Ok(Value::Array(elements));
    }
    if input.peek(Ident::peek_any) {
        let name = input.call(Ident::parse_any)?;
        return Ok(match name.to_string().as_str() {
            "null" => Value::Literal(Literal::Null),
            "true" => Value::Literal(Literal::Bool(true)),
            "false" => Value::Literal(Literal::Bool(false)),
            _ => Value::Slot(parse_slot_rest(name, input)?),
        });
    }
    parse_literal(input).map(Value::Literal)
}

/// What follows a slot's name: `as string`, then `?` or `| null`.
fn parse_slot_rest(name: Ident, input: ParseStream) -> syn::Result<SlotUse> {
    let as_string = if input.peek(Token![as]) {
        let as_token = input.parse::<Token![as]>()?;
        let target = input.call(Ident::parse_any)?;
        if target != "string" {
            return Err(syn::Error::new(
                target.span(),
                "a slot can only be written `as string`",
            ));
        }
        Some(as_token.span)
    } else {
        None
    };
    let presence = if input.peek(Token![?]) {
        Presence::Omit(input.parse::<Token![?]>()?.span)
    } else if input.peek(Token![|]) {
        let bar = input.parse::<Token![|]>()?;
        let null = input.call(Ident::parse_any)?;
        if null != "null" {
            return Err(syn::Error::new(
                null.span(),
                "write `| null` to send null when the slot has no value",
            ));
        }
        Presence::Null(bar.span)
    } else {
        Presence::Always
    };
    Ok(SlotUse {
        name,
        as_string,
        presence,
    })
}

fn parse_literal(input: ParseStream) -> syn::Result<Literal> {
    let negative = input.peek(Token![-]);
    if negative {
        input.parse::<Token![-]>()?;
    }
    let lit: syn::Lit = input.parse().map_err(|error| {
        syn::Error::new(
            error.span(),
            "expected a JSON value: a string, number, `true`, `false`, `null`, an object, \
             an array, or a slot such as `message`",
        )
    })?;
    let not_json = |what: &str| syn::Error::new(lit.span(), format!("{what} is not a JSON value"));
    match &lit {
        syn::Lit::Str(text) if !negative => Ok(Literal::Str(text.value())),
        syn::Lit::Int(int) if int.suffix().is_empty() => {
            let value: u64 = int.base10_parse()?;
            match negative {
                false => Ok(Literal::Uint(value)),
                true => 0i64
                    .checked_sub_unsigned(value)
                    .map(Literal::Int)
                    .ok_or_else(|| not_json("a number below i64::MIN")),
            }
        }
        syn::Lit::Float(float) if float.suffix().is_empty() => {
            let value: f64 = float.base10_parse()?;
            if !value.is_finite() {
                return Err(not_json("an infinite number"));
            }
            Ok(Literal::Float(if negative { -value } else { value }))
        }
        syn::Lit::Int(_) | syn::Lit::Float(_) => Err(not_json("a number with a type suffix")),
        _ => Err(not_json("this literal")),
    }
}
