#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 429, message = "Retry after {retry_after} seconds")]
    Busy {
        #[api(detail, example = "thirty")]
        retry_after: u64,
    },
}

fn main() {}
