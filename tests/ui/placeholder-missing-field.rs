use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Room {roomid} not found")]
    NotFound { room_id: String, org: String },
}

fn main() {}
