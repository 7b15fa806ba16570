use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, code = "not_found")]
    RoomNotFound,
    #[api(status = 404, code = "not_found")]
    OrgNotFound,
}

fn main() {}
