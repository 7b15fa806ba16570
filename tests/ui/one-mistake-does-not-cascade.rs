use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 302)]
    Moved,
}

fn status_of(error: &E) -> errwire::http::StatusCode {
    error.status()
}

fn boxed(error: E) -> Box<dyn ApiError> {
    Box::new(error)
}

fn main() {}
