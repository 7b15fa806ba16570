//! The derive input as errwire sees it: a type, its variants (a struct is one variant named after
//! the type), their fields, each with its parsed attributes and the syn node kept for spans.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned as _;
use syn::{Data, DeriveInput, Fields, Ident, Member, Type};

use crate::attr::{self, Attrs, CodeValue, Position};
use crate::errors::Errors;
use crate::header::StaticHeader;
use crate::status::Status;

pub struct Input<'a> {
    pub original: &'a DeriveInput,
    pub is_enum: bool,
    /// Type-level attributes; for a struct they hold the variant-level keys too.
    pub attrs: Attrs,
    pub variants: Vec<Variant<'a>>,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    /// `Some(note)` for a `#[deprecated]` variant (or struct).
    pub deprecated: Option<String>,
    /// `None` for a struct, whose variant-level keys are on the type.
    attrs: Option<Attrs>,
    pub fields: Vec<Field<'a>>,
}

pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub member: Member,
    pub attrs: Attrs,
}

impl<'a> Input<'a> {
    /// The input as errwire sees it; its mistakes go to `errors`.
    pub fn from_syn(input: &'a DeriveInput, errors: &mut Errors) -> Self {
        match &input.data {
            Data::Enum(data) => {
                let attrs = attr::parse(&input.attrs, Position::Enum, errors);
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| Variant {
                        ident: &variant.ident,
                        deprecated: crate::catalog::deprecation(&variant.attrs),
                        attrs: Some(attr::parse(&variant.attrs, Position::Variant, errors)),
                        fields: fields(&variant.fields, errors),
                    })
                    .collect();
                Input {
                    original: input,
                    is_enum: true,
                    attrs,
                    variants,
                }
            }
            Data::Struct(data) => {
                let attrs = attr::parse(&input.attrs, Position::Struct, errors);
                let variant = Variant {
                    ident: &input.ident,
                    deprecated: crate::catalog::deprecation(&input.attrs),
                    attrs: None,
                    fields: fields(&data.fields, errors),
                };
                Input {
                    original: input,
                    is_enum: false,
                    attrs,
                    variants: vec![variant],
                }
            }
            Data::Union(data) => {
                errors.push(syn::Error::new(
                    data.union_token.span,
                    "ApiError cannot be derived for a union; use an enum or a struct",
                ));
                Input {
                    original: input,
                    is_enum: false,
                    attrs: attr::parse(&input.attrs, Position::Struct, errors),
                    variants: Vec::new(),
                }
            }
        }
    }

    /// The path of the errwire crate: `#[api(crate = ...)]`, else `::errwire`.
    /// The path of the errwire crate in the generated code: `::errwire`, or, with
    /// `#[api(crate = path)]`, the name `wrap` imports it under.
    pub fn krate(&self) -> TokenStream {
        match self.attrs.krate.get() {
            Some(_) => quote!(__errwire),
            None => quote!(::errwire),
        }
    }

    /// The generated items, inside `const _: () = { use path as __errwire; ... };` when the
    /// type names the crate's path: a path that does not resolve is then one error, at the
    /// path, and not one more at each use.
    pub fn wrap(&self, items: TokenStream) -> TokenStream {
        match self.attrs.krate.get() {
            Some(path) => {
                let import = quote_spanned!(path.span()=> use #path as __errwire;);
                quote! {
                    const _: () = {
                        #import
                        #items
                    };
                }
            }
            None => items,
        }
    }

    /// The path of the errwire crate with every token at `span`: in code that may fail to
    /// type-check because of a user's field, so that the error lands on the field.
    pub fn krate_at(&self, span: Span) -> TokenStream {
        self.krate()
            .into_iter()
            .map(|mut token| {
                token.set_span(span);
                token
            })
            .collect()
    }

    /// The path that names `variant` in patterns and constructors: `Type::Name`, or `Self` for
    /// a struct. Not `Self::Name`, which the compiler looks up among the variants one by one.
    pub fn path(&self, variant: &Variant) -> TokenStream {
        if self.is_enum {
            let ty = &self.original.ident;
            let ident = variant.ident;
            quote!(#ty::#ident)
        } else {
            quote!(Self)
        }
    }

    /// The variant-level attributes of `variant`: its own, or the type's for a struct.
    pub fn attrs_of<'v>(&'v self, variant: &'v Variant) -> &'v Attrs {
        variant.attrs.as_ref().unwrap_or(&self.attrs)
    }
}

impl Variant<'_> {
    /// The fixed headers written on the variant itself; none for a struct, whose are on the type.
    pub fn own_headers(&self) -> &[StaticHeader] {
        self.attrs.as_ref().map_or(&[], |attrs| &attrs.headers)
    }

    pub fn field_named(&self, member: &Member) -> Option<&Field<'_>> {
        self.fields.iter().find(|field| field.member == *member)
    }

    pub fn is_tuple(&self) -> bool {
        matches!(
            self.fields.first().map(|field| &field.member),
            Some(Member::Unnamed(_))
        )
    }
}

impl Field<'_> {
    pub fn ty(&self) -> &Type {
        &self.original.ty
    }

    /// The field's name in the source, without `r#`, or its position in a tuple variant.
    pub fn name(&self) -> String {
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }

    pub fn span(&self) -> Span {
        match &self.original.ident {
            Some(ident) => ident.span(),
            None => syn::spanned::Spanned::span(&self.original.ty),
        }
    }

    /// The detail entry's name on the wire: `detail = "name"`, else the field's name.
    pub fn detail_name(&self) -> Option<String> {
        self.attrs
            .detail
            .get()
            .map(|name| match (name, &self.member) {
                (Some(name), _) => name.clone(),
                (None, Member::Named(ident)) => {
                    ident.to_string().trim_start_matches("r#").to_owned()
                }
                (None, Member::Unnamed(index)) => index.index.to_string(),
            })
    }
}

fn fields<'a>(fields: &'a Fields, errors: &mut Errors) -> Vec<Field<'a>> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| Field {
            original: field,
            member: match &field.ident {
                Some(ident) => Member::Named(ident.clone()),
                None => Member::Unnamed(syn::Index {
                    index: index as u32,
                    span: Span::call_site(),
                }),
            },
            attrs: attr::parse(&field.attrs, Position::Field, errors),
        })
        .collect()
}

impl Input<'_> {
    /// The variant's status, or the type's default; `None` where the status written was
    /// rejected (already reported), so that no rule about statuses fires on a guess.
    pub fn status_of<'v>(&'v self, variant: &'v Variant) -> Option<&'v Status> {
        let own = &self.attrs_of(variant).status;
        if own.is_written() {
            own.get()
        } else {
            self.attrs.status.get()
        }
    }

    /// The variant's code: its own, or its name under `rename_all`, with where that was decided.
    pub fn code_of(&self, variant: &Variant) -> Option<(CodeValue, Span)> {
        let attrs = self.attrs_of(variant);
        if let Some(code) = attrs.code.get()
            && let Some(span) = attrs.code.span()
        {
            return Some((code.clone(), span));
        }
        let rule = self.attrs.rename_all.get()?;
        Some((
            CodeValue::Str(rule.apply(&variant.ident.to_string())),
            variant.ident.span(),
        ))
    }

    /// The variant's status as a number; 500 only where validation has reported a missing one.
    pub fn status_number(&self, variant: &Variant) -> u16 {
        self.status_of(variant).map_or(500, |status| status.number)
    }

    /// Whether the wire or the message shows `field`: a detail, the details, a header, or a
    /// placeholder of the variant's message.
    pub fn shows(&self, variant: &Variant, field: &Field) -> bool {
        let attrs = &field.attrs;
        let in_message = self.attrs_of(variant).message.get().is_some_and(|message| {
            message
                .placeholders()
                .any(|placeholder| placeholder.name.member(message.span) == field.member)
        });
        attrs.detail.is_set() || attrs.details.is_set() || attrs.header.is_set() || in_message
    }

    pub fn is_transparent(&self, variant: &Variant) -> bool {
        self.attrs_of(variant).transparent.is_set()
    }
}
