#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = detials::CONFLICT)]
    Taken,
}

fn main() {}
