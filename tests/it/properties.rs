//! Whatever text a message or a detail holds, every built-in envelope writes valid JSON that
//! gives the text back unchanged; whatever text an instance holds, it is written as a URI
//! reference that a real RFC 3986 parser accepts.

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

/// Text made of what an RFC 3986 URI reference holds, percent escapes included.
fn uri_reference() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::char::ranges(vec!['a'..='z', 'A'..='Z', '0'..='9'].into()).prop_map(String::from),
        proptest::sample::select(vec![
            "-", ".", "_", "~", ":", "/", "?", "#", "[", "]", "@", "!", "$", "&", "'", "(", ")",
            "*", "+", ",", ";", "=", "%20", "%C3%A9", "%2f",
        ])
        .prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn instance_of(instance: &str) -> String {
    let cx = RenderContext::new().with_instance(instance);
    let error = Echo {
        text: String::new(),
        value: String::new(),
    };
    parsed::<Problem>(&error, &cx)["instance"]
        .as_str()
        .expect("the instance is a string")
        .to_owned()
}

proptest! {
    #[test]
    fn every_path_instance_is_a_uri_reference(text in text()) {
        let path = format!("/{text}");
        let written = instance_of(&path);
        prop_assert!(
            fluent_uri::UriRef::parse(written.as_str()).is_ok(),
            "{:?} was written as {:?}, which is not a URI reference", path, written
        );
        prop_assert_eq!(instance_of(&written), written, "writing is idempotent");
    }

    /// (A reference that starts with `//` names an authority; as an instance it is taken for a
    /// path, whose leading `//` is written `/%2F`.)
    #[test]
    fn a_uri_reference_is_written_as_it_is(path in uri_reference()) {
        prop_assume!(fluent_uri::UriRef::parse(path.as_str()).is_ok() && !path.starts_with("//"));
        prop_assert_eq!(instance_of(&path), path);
    }
}
