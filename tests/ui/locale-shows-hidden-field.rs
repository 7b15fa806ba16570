use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"])]
enum E {
    #[api(status = 404, message = "Not here", message(fr = "La classe {room} est introuvable"))]
    NotFound { room: String },
}

fn main() {}
