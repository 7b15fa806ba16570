use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(type_base = "errors example com")]
enum E {
    #[api(status = 404, code = "not_found")]
    NotFound,
}

fn main() {}
