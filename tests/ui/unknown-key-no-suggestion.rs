use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, severity = "high")]
    NotFound,
}

fn main() {}
