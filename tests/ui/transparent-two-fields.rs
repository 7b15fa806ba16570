use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 404)]
struct Inner;

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent)]
    Forwarded(Inner, u32),
}

fn main() {}
