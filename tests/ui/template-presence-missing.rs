errwire::envelope! {
    pub struct Body {
        "error": code,
        "message": message,
    }
}

fn main() {}
