use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(header(Retry-After = "60"))]
enum E {
    #[api(status = 503)]
    Unavailable,
    #[api(status = 400)]
    BadRequest,
}

fn main() {}
