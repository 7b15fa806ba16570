use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 409, retry = "sometimes")]
    Conflict,
}

fn main() {}
