use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = StatusCode::NOT_FUND)]
    NotFound,
}

fn main() {}
