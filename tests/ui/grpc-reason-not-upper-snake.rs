use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = "rooms.example.com")]
enum RoomError {
    #[api(status = 404, code = "room_not_found", reason = "room-not-found")]
    RoomNotFound,
}

fn main() {}
