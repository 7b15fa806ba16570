errwire::envelope! {
    pub struct Body {
        "error": code?,
        "message": message,
        "error": message,
    }
}

fn main() {}
