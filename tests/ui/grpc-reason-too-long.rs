use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = "rooms.example.com")]
enum RoomError {
    #[api(
        status = 404,
        code = "the_room_you_asked_for_was_not_found_on_this_server_or_any_other_one"
    )]
    RoomNotFound,
}

fn main() {}
