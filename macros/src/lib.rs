//! The derive macro of [errwire](https://docs.rs/errwire); use it through the `errwire` crate,
//! which documents the attributes.

mod ast;
mod attr;
mod bound;
mod case;
mod catalog;
mod client;
mod envelope;
mod errors;
mod expand;
mod fallback;
#[cfg(test)]
mod fuzz;
mod grpc;
mod header;
mod message;
mod status;
mod suggest;
mod translations;
mod valid;

use proc_macro::TokenStream;

/// Derives `errwire::ApiError`; see the `errwire` crate for the `#[api(...)]` attributes.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

/// Declares an envelope from a JSON template; use it as `errwire::envelope!`, which documents
/// the template language and passes the path of the `errwire` crate before the declaration.
#[doc(hidden)]
#[proc_macro]
pub fn envelope(input: TokenStream) -> TokenStream {
    envelope::envelope(input.into()).into()
}
