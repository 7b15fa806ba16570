use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case")]
enum E {
    #[api(status = 404)]
    NotFound,
    #[api(status = 410, code = "not_found")]
    Gone,
}

fn main() {}
