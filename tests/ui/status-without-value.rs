use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status)]
    NotFound,
}

fn main() {}
