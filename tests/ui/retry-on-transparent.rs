use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 404)]
struct Inner;

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent, retry = "never")]
    Inner(Inner),
}

fn main() {}
