#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 422, code = "invalid")]
    Invalid {
        #[api(detail, example = ["name", "email"])]
        fields: Vec<String>,
    },
}

fn main() {}
