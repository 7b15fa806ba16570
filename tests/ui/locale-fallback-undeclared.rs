use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"], fallback(fr = "de"))]
enum E {
    #[api(status = 404, message = "Not here")]
    NotFound,
}

fn main() {}
