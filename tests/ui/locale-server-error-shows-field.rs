use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"])]
enum E {
    #[api(status = 500, message = "Internal error", message(fr = "Erreur interne : {cause}"))]
    Internal { cause: String },
}

fn main() {}
