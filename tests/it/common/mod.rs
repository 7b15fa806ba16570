//! Helpers shared by the integration tests that compare bodies with documented ones.

use serde_json::Value;

/// Asserts that `body` is the JSON document `expected`: the same members with the same values,
/// in the same order (serde_json is built with `preserve_order` for the tests).
#[track_caller]
pub fn assert_body(body: &[u8], expected: &str) {
    let actual: Value = serde_json::from_slice(body).expect("the body is JSON");
    let expected: Value = serde_json::from_str(expected).expect("the expected body is JSON");
    assert_eq!(
        serde_json::to_string_pretty(&actual).unwrap(),
        serde_json::to_string_pretty(&expected).unwrap(),
    );
}
