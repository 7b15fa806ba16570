#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 400, code = 7_i32)]
    Bad,
}

fn main() {}
