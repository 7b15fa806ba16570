use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(fallback(fr = "en"))]
enum E {
    #[api(status = 404, message = "Not here")]
    NotFound,
}

fn main() {}
