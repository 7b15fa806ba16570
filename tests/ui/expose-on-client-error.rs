use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, expose, message = "Room {0} not found")]
    NotFound(String),
}

fn main() {}
