errwire::envelope! {
    pub struct Body {
        "status": stauts,
        "message": message,
    }
}

fn main() {}
