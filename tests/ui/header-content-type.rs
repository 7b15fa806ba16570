use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(header("Content-Type" = "text/plain"))]
enum E {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
