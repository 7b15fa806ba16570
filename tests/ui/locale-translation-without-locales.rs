use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Not here", message(fr = "Pas ici"))]
    NotFound,
}

fn main() {}
