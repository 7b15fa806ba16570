use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"], fallback(en = "fr"))]
enum E {
    #[api(status = 404, message = "Not here", message(fr = "Pas ici"))]
    NotFound,
}

fn main() {}
