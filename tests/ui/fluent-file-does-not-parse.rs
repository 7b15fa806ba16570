use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"], fluent = "../../../../tests/ui/fluent/broken/{locale}.ftl")]
enum E {
    #[api(status = 404, code = "room_not_found", message = "Room {room_id} not found")]
    RoomNotFound { #[api(detail)] room_id: String },
}

fn main() {}
