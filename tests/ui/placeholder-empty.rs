use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Room {} not found")]
    NotFound(String),
}

fn main() {}
