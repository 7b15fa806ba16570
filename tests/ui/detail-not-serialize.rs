use errwire::ApiError;

#[derive(Debug)]
struct Opaque;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 409)]
    Conflict {
        #[api(detail)]
        existing: Opaque,
    },
}

fn main() {}
