use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 429)]
    RateLimited {
        #[api(detail = "wait")]
        retry_after: u64,
        #[api(detail)]
        wait: u64,
    },
}

fn main() {}
