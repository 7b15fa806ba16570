use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"], fluent = "../../../../tests/ui/fluent/none/{locale}.ftl")]
enum E {
    #[api(status = 404, code = "room_not_found", message = "Room not found", message(fr = "Introuvable"))]
    RoomNotFound,
}

fn main() {}
