#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 404, message = "Room {0} not found")]
    NotFound(#[api(details)] String),
}

fn main() {}
