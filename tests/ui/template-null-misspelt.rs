errwire::envelope! {
    pub struct Body {
        "details": details | nul,
    }
}

fn main() {}
