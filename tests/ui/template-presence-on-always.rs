errwire::envelope! {
    pub struct Body {
        "status": status?,
        "message": message,
    }
}

fn main() {}
