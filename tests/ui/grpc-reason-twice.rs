use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = "rooms.example.com")]
enum RoomError {
    #[api(status = 404, code = "room_not_found")]
    RoomNotFound,
    #[api(status = 404, code = "seat_not_found", reason = "ROOM_NOT_FOUND")]
    SeatNotFound,
}

fn main() {}
