use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Room {0:z} not found")]
    NotFound(String),
}

fn main() {}
