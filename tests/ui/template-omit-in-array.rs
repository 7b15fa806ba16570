errwire::envelope! {
    pub struct Body {
        "codes": [code?],
    }
}

fn main() {}
