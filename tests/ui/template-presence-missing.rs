errwire::envelope! {
    pub struct Body {
        "details": details,
        "message": message,
    }
}

fn main() {}
