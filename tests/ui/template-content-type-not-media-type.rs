errwire::envelope! {
    #[content_type = "json"]
    pub struct Body {
        "message": message,
    }
}

fn main() {}
