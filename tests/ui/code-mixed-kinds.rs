use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 400, code = 1)]
    Invalid,
    #[api(status = 404, code = "not_found")]
    NotFound,
}

fn main() {}
