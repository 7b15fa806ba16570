//! Whatever text a message or a detail holds, every built-in envelope writes valid JSON that
//! gives the text back unchanged.

use errwire::{ApiError, Envelope, Flat, JsonApi, Nested, Problem, RenderContext};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Debug, ApiError)]
#[api(status = 400, code = "echo", message = "{text}")]
struct Echo {
    text: String,
    #[api(detail)]
    value: String,
}

fn parsed<Env: Envelope>(error: &Echo, cx: &RenderContext<'_>) -> Value {
    let mut body = Vec::new();
    Env::write_body(error, cx, &mut body).expect("the body serializes");
    serde_json::from_slice(&body).expect("the body is valid JSON")
}

/// Any text: every char, control characters, quotes, backslashes and surrogate-range
/// neighbours included.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..48).prop_map(String::from_iter)
}

proptest! {
    #[test]
    fn messages_details_and_request_ids_round_trip(message in text(), value in text(), id in text()) {
        let error = Echo { text: message.clone(), value: value.clone() };
        let cx = RenderContext::new().with_request_id(&id).with_instance(&id);

        let problem = parsed::<Problem>(&error, &cx);
        prop_assert_eq!(&problem["detail"], &message);
        prop_assert_eq!(&problem["value"], &value);
        prop_assert_eq!(&problem["request_id"], &id);
        prop_assert_eq!(&problem["instance"], &id);

        let flat = parsed::<Flat>(&error, &cx);
        prop_assert_eq!(&flat["message"], &message);
        prop_assert_eq!(&flat["details"]["value"], &value);

        let nested = parsed::<Nested>(&error, &cx);
        prop_assert_eq!(&nested["error"]["message"], &message);
        prop_assert_eq!(&nested["error"]["details"]["value"], &value);

        let json_api = parsed::<JsonApi>(&error, &cx);
        prop_assert_eq!(&json_api["errors"][0]["detail"], &message);
        prop_assert_eq!(&json_api["errors"][0]["meta"]["value"], &value);
    }
}
