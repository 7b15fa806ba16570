use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, code = "not found")]
    NotFound,
}

fn main() {}
