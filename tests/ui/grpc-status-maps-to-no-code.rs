use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = "rooms.example.com")]
enum RoomError {
    #[api(status = 422, code = "bad_seat")]
    BadSeat,
}

fn main() {}
