#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 429, header(Retry-After = "soon"))]
    Busy,
}

fn main() {}
