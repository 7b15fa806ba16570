//! The derive macro of [errwire](https://docs.rs/errwire); use it through the `errwire` crate,
//! which documents the attributes.

mod ast;
mod attr;
mod case;
mod errors;
mod expand;
mod fallback;
mod status;
mod template;
mod valid;

use proc_macro::TokenStream;

/// Derives `errwire::ApiError`; see the `errwire` crate for the `#[api(...)]` attributes.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
