use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 429, header(Retry-After = "30"))]
    RateLimited {
        #[api(header = "retry-after")]
        retry_after: u64,
    },
}

fn main() {}
