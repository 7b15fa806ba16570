use wire::ApiError as _;

#[derive(Debug, wire::ApiError)]
#[api(crate = wire)]
enum E {
    #[api(status = 302)]
    Moved,
}

fn status_of(error: &E) -> wire::http::StatusCode {
    error.status()
}

fn main() {}
