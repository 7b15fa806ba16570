errwire::envelope! {
    pub struct Body {
        "success": false,
        "error": {"kind": "unknown"},
    }
}

fn main() {}
