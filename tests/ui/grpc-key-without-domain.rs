use errwire::ApiError;

#[derive(Debug, ApiError)]
enum RoomError {
    #[api(status = 400, code = "room_closed", grpc = "FAILED_PRECONDITION")]
    RoomClosed,
}

fn main() {}
