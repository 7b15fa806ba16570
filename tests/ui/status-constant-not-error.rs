use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = StatusCode::OK)]
    Fine,
}

fn main() {}
