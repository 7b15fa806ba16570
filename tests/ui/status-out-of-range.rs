use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 600)]
    Broken,
}

fn main() {}
