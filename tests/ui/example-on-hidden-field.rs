#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 404, message = "Room not found")]
    Missing {
        #[api(example = "math-101")]
        room_id: String,
    },
}

fn main() {}
