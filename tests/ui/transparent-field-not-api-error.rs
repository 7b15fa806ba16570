use errwire::ApiError;

#[derive(Debug)]
struct Inner;

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent)]
    Forwarded(Inner),
}

fn main() {}
