errwire::envelope! {
    pub struct Body {
        "errors": [..details],
    }
}

fn main() {}
