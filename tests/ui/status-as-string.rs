use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = "404")]
    NotFound,
}

fn main() {}
