errwire::envelope! {
    pub struct Body {
        "error": code?,
        ..message,
    }
}

fn main() {}
