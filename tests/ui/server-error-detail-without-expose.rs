use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 502, message = "Upstream failed")]
    Upstream {
        #[api(detail)]
        upstream_error: String,
    },
}

fn main() {}
