errwire::envelope! {
    pub struct Body {
        "message": message as string,
    }
}

fn main() {}
