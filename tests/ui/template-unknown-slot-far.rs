errwire::envelope! {
    pub struct Body {
        "message": message,
        "success": ok,
    }
}

fn main() {}
