use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(evnelope = errwire::Problem)]
enum E {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
