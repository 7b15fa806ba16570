#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status =, code = "missing")]
    Missing,
}

fn main() {}
