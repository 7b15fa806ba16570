use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404)]
    NotFound {
        #[api(header = "Retry-After")]
        retry_after: u64,
    },
}

fn main() {}
