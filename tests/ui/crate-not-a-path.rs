#[derive(Debug, errwire::ApiError)]
#[api(crate = message)]
enum E {
    #[api(status = 404, code = "not_found", message = "Not found")]
    NotFound,
}

fn main() {}
