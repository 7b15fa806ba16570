use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = "rooms.example.com")]
enum RoomError {
    #[api(status = 404, code = "room_not_found")]
    RoomNotFound,
    #[api(status = 400, code = "room_closed")]
    RoomClosed,
}

fn main() {}
