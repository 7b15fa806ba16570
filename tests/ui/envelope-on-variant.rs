use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, envelope = errwire::Problem)]
    NotFound,
}

fn main() {}
