use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404)]
    NotFound {
        #[api(status = 410)]
        id: u64,
    },
}

fn main() {}
