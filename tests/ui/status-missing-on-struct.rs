use errwire::ApiError;

#[derive(Debug, ApiError)]
#[api(code = "gone")]
struct Gone;

fn main() {}
