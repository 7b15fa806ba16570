errwire::envelope! {
    pub struct Body {
        "message": message,
        ..details,
        ..details,
    }
}

fn main() {}
