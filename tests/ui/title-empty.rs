use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, title = "")]
    NotFound,
}

fn main() {}
