use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, detail)]
    NotFound { id: u64 },
}

fn main() {}
