#[derive(Debug, errwire::ApiError)]
enum E {
    #[api[status = 404]]
    #[api(status = 404)]
    Missing,
}

fn main() {}
