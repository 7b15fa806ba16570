use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Room {2} not found")]
    NotFound(String, String),
}

fn main() {}
