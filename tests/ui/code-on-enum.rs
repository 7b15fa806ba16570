use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(code = "not_found")]
enum E {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
