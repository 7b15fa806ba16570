#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 404_u16)]
    Missing,
}

fn main() {}
