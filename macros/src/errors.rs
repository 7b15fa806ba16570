//! Collects the mistakes of one derive input, so they are all reported in one pass.

pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn new() -> Self {
        Errors(None)
    }

    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(errors) => errors.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}
