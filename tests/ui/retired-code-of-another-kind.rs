#[derive(Debug, errwire::ApiError)]
#[api(retired = [7])]
enum E {
    #[api(status = 410, code = "room_ended")]
    Ended,
}

fn main() {}
