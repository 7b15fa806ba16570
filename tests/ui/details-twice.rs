use errwire::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 422)]
    Invalid {
        #[api(details)]
        fields: std::collections::BTreeMap<String, String>,
        #[api(details)]
        more: std::collections::BTreeMap<String, String>,
    },
}

fn main() {}
