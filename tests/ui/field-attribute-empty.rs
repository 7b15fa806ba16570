#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 404, code = "not_found")]
    NotFound {
        #[api()]
        id: u64,
    },
}

fn main() {}
