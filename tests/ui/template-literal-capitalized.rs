errwire::envelope! {
    pub struct Body {
        "success": False,
        "message": message,
    }
}

fn main() {}
