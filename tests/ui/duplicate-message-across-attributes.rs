use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Not found")]
    #[api(message = "Missing")]
    NotFound,
}

fn main() {}
