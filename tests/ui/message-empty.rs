#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 404, message = "")]
    Missing,
}

fn main() {}
