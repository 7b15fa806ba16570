use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, status = 410)]
    NotFound,
}

fn main() {}
