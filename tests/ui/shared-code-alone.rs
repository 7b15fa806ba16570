use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 500, code = "server_error", shared_code)]
    Internal,
    #[api(status = 503, code = "unavailable")]
    Unavailable,
}

fn main() {}
