use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Room {0:1$} not found")]
    NotFound(String, usize),
}

fn main() {}
