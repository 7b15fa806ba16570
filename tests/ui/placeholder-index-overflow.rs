#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 404, message = "Room {4294967296} not found")]
    Missing(u32),
}

fn main() {}
