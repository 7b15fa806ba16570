use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 500, expose = true)]
    Internal,
}

fn main() {}
