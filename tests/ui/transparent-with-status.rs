use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 404)]
struct Inner;

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent, status = 500)]
    Forwarded(Inner),
}

fn main() {}
