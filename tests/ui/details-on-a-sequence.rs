#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 422, message = "Invalid fields")]
    Invalid(#[api(details)] Vec<String>),
}

fn main() {}
