use std::fmt::Display;

use errwire::ApiError;
use serde::Serialize;

#[derive(Debug, ApiError)]
enum Lookup<'a, K, V: Clone> {
    #[api(status = 404, code = "missing", message = "No entry for {key}")]
    Missing {
        #[api(detail)]
        key: K,
    },
    #[api(status = 409, code = "conflict", message = "Entry {0} exists")]
    Conflict(&'a str, #[api(detail = "existing")] V),
}

fn respond<'a, K: Display + Serialize, V: Clone + Serialize>(
    error: Lookup<'a, K, V>,
) -> serde_json::Value {
    serde_json::from_slice(error.to_response().body()).unwrap()
}

#[test]
fn bounds_follow_the_fields_that_need_them() {
    let missing: Lookup<'_, u32, ()> = Lookup::Missing { key: 7 };
    assert_eq!(missing.message().to_string(), "No entry for 7");
    assert_eq!(respond(missing)["key"], 7);
    let conflict: Lookup<'_, String, Vec<u8>> = Lookup::Conflict("room", vec![1, 2]);
    assert_eq!(conflict.status().as_u16(), 409);
    assert_eq!(respond(conflict)["existing"], serde_json::json!([1, 2]));
}

/// `NoDisplay` is neither `Display` nor `Serialize`: a type parameter that no message or detail
/// uses needs no bound.
#[derive(Debug)]
struct NoDisplay;

#[derive(Debug, ApiError)]
#[api(status = 400, message = "bad input")]
struct Wrapper<T> {
    _input: T,
}

#[test]
fn unused_type_parameters_get_no_bounds() {
    let error = Wrapper { _input: NoDisplay };
    assert_eq!(error.message().to_string(), "bad input");
}
