errwire::envelope! {
    #[content_type("application/json")]
    pub struct Body {
        "message": message,
    }
}

fn main() {}
