errwire::envelope! {
    pub struct Verilock {
        "error": code,
        "message": message,
    }
}

#[derive(Debug, errwire::ApiError)]
#[api(envelope = Verilock)]
enum E {
    #[api(status = 404, code = "not_found")]
    NotFound,
    #[api(status = 401)]
    Unauthenticated,
}

fn main() {}
