errwire::envelope! {
    pub struct Legacy {
        "error": code,
        "message": message,
        ..details,
    }
}

#[derive(Debug, errwire::ApiError)]
#[api(envelope = Legacy)]
enum OrderError {
    #[api(status = 409, code = "order_state")]
    Order {
        #[api(detail)]
        id: u64,
        #[api(detail = "message")]
        note: String,
    },
}

fn main() {}
