#[derive(Debug, errwire::ApiError)]
#[api(retired = ["room_gone"])]
enum E {
    #[api(status = 410, code = "room_gone")]
    Ended,
}

fn main() {}
