use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = "Rooms API")]
enum RoomError {
    #[api(status = 404, code = "room_not_found")]
    RoomNotFound,
}

fn main() {}
