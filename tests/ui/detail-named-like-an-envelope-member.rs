#[derive(Debug, errwire::ApiError)]
#[api(rename_all = "snake_case")]
enum OrderError {
    #[api(status = 409)]
    BadState {
        #[api(detail)]
        r#type: String,
    },
}

fn main() {}
