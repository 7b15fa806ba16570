use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404)]
    NotFound,
    #[api(code = "gone")]
    Gone,
}

fn main() {}
