use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404)]
    NotFound {
        #[api(detial)]
        id: u64,
    },
}

fn main() {}
