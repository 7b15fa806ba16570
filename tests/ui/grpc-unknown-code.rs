use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = "rooms.example.com")]
enum RoomError {
    #[api(status = 400, code = "room_closed", grpc = "FAILED_PRECONDITON")]
    RoomClosed,
}

fn main() {}
