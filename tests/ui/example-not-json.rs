use std::collections::BTreeMap;

#[derive(Debug, errwire::ApiError)]
enum E {
    #[api(status = 422)]
    Invalid(#[api(details, example = "{name: [required]}")] BTreeMap<String, Vec<String>>),
}

fn main() {}
