use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"], fluent = "../../../../tests/ui/fluent/unknown-id/{locale}.ftl")]
enum E {
    #[api(status = 404, code = "room_not_found", message = "Room not found")]
    RoomNotFound,
}

fn main() {}
