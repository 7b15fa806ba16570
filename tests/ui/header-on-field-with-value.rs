use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 429)]
    RateLimited {
        #[api(header(Retry-After = "30"))]
        retry_after: u64,
    },
}

fn main() {}
