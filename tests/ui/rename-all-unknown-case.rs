use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(rename_all = "lowercase")]
enum E {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
