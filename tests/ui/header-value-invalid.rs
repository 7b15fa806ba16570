use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, header(X-Trace = "a\r\nSet-Cookie: x"))]
    NotFound,
}

fn main() {}
