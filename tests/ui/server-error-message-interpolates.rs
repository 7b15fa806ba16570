use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 500, message = "Database failed: {0}")]
    Database(String),
}

fn main() {}
