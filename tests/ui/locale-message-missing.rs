use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"])]
enum E {
    #[api(status = 404, message = "Not here", message(fr = "Pas ici"))]
    NotFound,
    #[api(status = 409, message = "Taken")]
    Taken,
}

fn main() {}
