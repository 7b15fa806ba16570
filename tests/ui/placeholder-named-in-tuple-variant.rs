use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Room {room_id} not found")]
    NotFound(String),
}

fn main() {}
