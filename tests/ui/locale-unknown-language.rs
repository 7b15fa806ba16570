use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "xx"])]
enum E {
    #[api(status = 404, message = "Not here")]
    NotFound,
}

fn main() {}
