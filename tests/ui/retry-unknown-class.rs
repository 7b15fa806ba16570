use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 503, retry = "throtle")]
    Unavailable,
}

fn main() {}
