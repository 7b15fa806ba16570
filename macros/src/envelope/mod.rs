//! `envelope!`: declares an envelope from a JSON template. Parsed in `parse.rs`, checked in
//! `check.rs`, emitted by `expand.rs`, its failsafe 500 body rendered by
//! `failsafe.rs`; the slots a template may name are in `slots.rs`.

mod check;
mod expand;
mod failsafe;
mod parse;
mod slots;

use proc_macro2::TokenStream;

use crate::errors::Errors;

pub fn envelope(input: TokenStream) -> TokenStream {
    let declaration: parse::Declaration = match syn::parse2(input) {
        Ok(declaration) => declaration,
        Err(error) => return error.into_compile_error(),
    };
    let mut errors = Errors::new();
    check::check(&declaration, &mut errors);
    match errors.finish() {
        Ok(()) => expand::expand(&declaration),
        Err(error) => {
            // The type still exists, so that its uses do not add errors of their own.
            let mut tokens = expand::fallback(&declaration);
            tokens.extend(error.into_compile_error());
            tokens
        }
    }
}
