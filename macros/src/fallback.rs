//! The impl emitted beside the errors of an invalid input: bodies that are never run, so that one
//! mistake does not also break every use of the type with "`ApiError` is not implemented".

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Input;

pub fn expand(input: &Input, error: syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    let krate = input.krate();
    let ident = &input.original.ident;
    let (impl_generics, ty_generics, where_clause) = input.original.generics.split_for_impl();
    quote! {
        #errors

        #[automatically_derived]
        #[allow(unused_qualifications, deprecated)]
        impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
            fn status(&self) -> #krate::__private::StatusCode {
                ::core::unreachable!()
            }

            fn code(&self) -> ::core::option::Option<#krate::Code> {
                ::core::unreachable!()
            }

            fn fmt_message(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }

            fn catalog() -> &'static #krate::catalog::Catalog {
                ::core::unreachable!()
            }
        }
    }
}
