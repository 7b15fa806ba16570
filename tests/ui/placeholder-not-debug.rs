struct Opaque;

#[derive(errwire::ApiError)]
enum E {
    #[api(status = 404, message = "No room {room:?}")]
    Missing { room: Opaque },
}

fn main() {}
