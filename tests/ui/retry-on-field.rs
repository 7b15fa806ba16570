use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 429)]
    Limited {
        #[api(detail, retry = "throttle")]
        retry_after: u64,
    },
}

fn main() {}
