#[derive(Debug, errwire::ApiError)]
#[api(type_base = "https://errors.example.com/{code}")]
enum E {
    #[api(status = 404, code = "missing")]
    Missing,
}

fn main() {}
