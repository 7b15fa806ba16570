#[derive(Debug, errwire::ApiError)]
#[api(status = 503)]
enum E {
    #[api(status = 302, expose, message = "Moved to {0}")]
    Moved(#[api(header = "Retry-After")] u64),
}

fn main() {}
