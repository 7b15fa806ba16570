#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 404, message = "Room {a²} not found")]
    Missing { a: u32 },
}

fn main() {}
