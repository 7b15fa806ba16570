use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 404)]
struct Inner;

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent)]
    Forwarded(#[api(detail)] Inner),
}

fn main() {}
