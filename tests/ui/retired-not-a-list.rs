#[derive(Debug, errwire::ApiError)]
#[api(retired = "gone")]
enum E {
    #[api(status = 404, code = "not_found")]
    NotFound,
}

fn main() {}
