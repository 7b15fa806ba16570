use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"])]
enum E {
    #[api(status = 404, message = "Room {room} not here", message(fr = "La classe {salle} est introuvable"))]
    NotFound { room: String },
}

fn main() {}
