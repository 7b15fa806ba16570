#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 503, code = "busy", retry = true)]
    Busy,
}

fn main() {}
