errwire::envelope! {
    pub struct Body {
        "version": 2u8,
    }
}

fn main() {}
