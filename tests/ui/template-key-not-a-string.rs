errwire::envelope! {
    pub struct Body {
        message: message,
    }
}

fn main() {}
