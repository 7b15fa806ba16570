use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 429, header = "Retry-After")]
    RateLimited { retry_after: u64 },
}

fn main() {}
