errwire::envelope! {
    pub struct Body {
        "status": status as number,
    }
}

fn main() {}
