//! The built-in envelopes against their specifications' own example bodies, and the template
//! language of `envelope!` slot by slot.

use crate::common;

use std::collections::BTreeMap;

use common::assert_body;
use errwire::{ApiError, Envelope, Flat, JsonApi, Nested, Problem, RenderContext};
use serde::Serialize;

fn body_in<Env: Envelope, E: ApiError>(error: &E, cx: &RenderContext<'_>) -> Vec<u8> {
    let mut body = Vec::new();
    Env::write_body(error, cx, &mut body).expect("the body serializes");
    body
}

/// RFC 9457 §3's example: a problem type of its own, with extension members.
#[derive(Debug, ApiError)]
#[api(
    type_base = "https://example.com/probs/",
    status = 403,
    code = "out-of-credit",
    title = "You do not have enough credit.",
    message = "Your current balance is {balance}, but that costs {cost}."
)]
struct OutOfCredit {
    #[api(detail)]
    balance: u64,
    cost: u64,
    #[api(detail)]
    accounts: Vec<&'static str>,
}

fn out_of_credit() -> OutOfCredit {
    OutOfCredit {
        balance: 30,
        cost: 50,
        accounts: vec!["/account/12345", "/account/67890"],
    }
}

const RFC_9457_EXAMPLE: &str = r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]}"#;

#[test]
fn problem_writes_the_rfc_9457_example_with_status_and_code() {
    let cx = RenderContext::new().with_instance("/account/12345/msgs/abc");
    let response = out_of_credit().to_response_with(&cx);
    assert_eq!(response.status(), 403);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    // The RFC's members in its order; `status` (optional in the RFC, and then equal to the
    // response's) and `code` are errwire's additions, before the extension members.
    assert_body(
        response.body(),
        r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.",
            "status":403,"detail":"Your current balance is 30, but that costs 50.",
            "instance":"/account/12345/msgs/abc","code":"out-of-credit",
            "balance":30,"accounts":["/account/12345","/account/67890"]}"#,
    );
}

errwire::envelope! {
    /// RFC 9457 with only the members the RFC's example writes.
    #[content_type = "application/problem+json"]
    pub struct RfcExample {
        "type": type,
        "title": title?,
        "detail": message,
        "instance": instance?,
        ..details,
    }
}

#[test]
fn a_template_reproduces_the_rfc_9457_example_byte_for_byte() {
    let cx = RenderContext::new().with_instance("/account/12345/msgs/abc");
    let body = body_in::<RfcExample, _>(&out_of_credit(), &cx);
    assert_eq!(String::from_utf8(body).unwrap(), RFC_9457_EXAMPLE);
}

#[test]
fn problem_without_type_base_is_about_blank_titled_by_the_reason_phrase() {
    #[derive(Debug, ApiError)]
    #[api(status = 404, message = "Classroom not found")]
    struct NotFound;
    assert_body(
        NotFound.to_response().body(),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Classroom not found"}"#,
    );
}

#[test]
fn flat_writes_code_message_and_details() {
    #[derive(Debug, ApiError)]
    #[api(envelope = Flat, status = 422, code = "validation_error", message = "The given data was invalid.")]
    struct Invalid {
        #[api(details)]
        fields: BTreeMap<&'static str, Vec<&'static str>>,
    }
    let error = Invalid {
        fields: BTreeMap::from([(
            "field_name",
            vec![
                "The field name is required.",
                "The field name must be a string.",
            ],
        )]),
    };
    let response = error.to_response();
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_body(
        response.body(),
        r#"{"error":"validation_error","message":"The given data was invalid.",
            "details":{"field_name":["The field name is required.","The field name must be a string."]}}"#,
    );
}

#[test]
fn flat_leaves_out_a_missing_code_and_missing_details() {
    #[derive(Debug, ApiError)]
    #[api(envelope = Flat, status = 404, message = "Not found")]
    struct NotFound;
    assert_body(NotFound.to_response().body(), r#"{"message":"Not found"}"#);
}

/// One entry of the Microsoft guidelines' `details` array.
#[derive(Debug, Serialize)]
struct Inner {
    code: &'static str,
    target: &'static str,
    message: &'static str,
}

#[derive(Debug, ApiError)]
#[api(
    status = 400,
    code = "BadArgument",
    message = "Multiple errors in ContactInfo data"
)]
struct BadArgument {
    #[api(detail)]
    target: &'static str,
    #[api(detail)]
    details: Vec<Inner>,
}

fn bad_argument() -> BadArgument {
    BadArgument {
        target: "ContactInfo",
        details: vec![
            Inner {
                code: "NullValue",
                target: "PhoneNumber",
                message: "Phone number must not be null",
            },
            Inner {
                code: "NullValue",
                target: "LastName",
                message: "Last name must not be null",
            },
            Inner {
                code: "MalformedValue",
                target: "Address",
                message: "Address is not valid",
            },
        ],
    }
}

const MS_DETAILS: &str = r#"[{"code":"NullValue","target":"PhoneNumber","message":"Phone number must not be null"},
    {"code":"NullValue","target":"LastName","message":"Last name must not be null"},
    {"code":"MalformedValue","target":"Address","message":"Address is not valid"}]"#;

#[test]
fn nested_wraps_the_error_in_an_error_object() {
    let body = body_in::<Nested, _>(&bad_argument(), &RenderContext::new());
    assert_body(
        &body,
        &format!(
            r#"{{"error":{{"code":"BadArgument","message":"Multiple errors in ContactInfo data",
                "details":{{"target":"ContactInfo","details":{MS_DETAILS}}}}}}}"#
        ),
    );
}

errwire::envelope! {
    /// The Microsoft REST API guidelines' error, with `target` and `details` among its members.
    pub struct Microsoft {
        "error": {
            "code": code?,
            "message": message,
            ..details,
        },
    }
}

#[test]
fn a_template_reproduces_the_microsoft_guidelines_example() {
    let body = body_in::<Microsoft, _>(&bad_argument(), &RenderContext::new());
    assert_body(
        &body,
        &format!(
            r#"{{"error":{{"code":"BadArgument","message":"Multiple errors in ContactInfo data",
                "target":"ContactInfo","details":{MS_DETAILS}}}}}"#
        ),
    );
}

errwire::envelope! {
    /// Google's JSON errors: the HTTP status as `code`, the canonical code name as `status`.
    pub struct Google {
        "error": {
            "code": status,
            "message": message,
            "status": code?,
        },
    }
}

#[test]
fn a_template_reproduces_google_s_error() {
    #[derive(Debug, ApiError)]
    #[api(envelope = Google, status = 403, code = "PERMISSION_DENIED",
          message = "The request is missing a valid API key.")]
    struct MissingKey;
    assert_eq!(
        MissingKey.to_response().body(),
        br#"{"error":{"code":403,"message":"The request is missing a valid API key.","status":"PERMISSION_DENIED"}}"#
    );
}

#[derive(Debug, Serialize)]
struct Source {
    pointer: &'static str,
}

#[derive(Debug, ApiError)]
#[api(
    status = 422,
    title = "Invalid Attribute",
    message = "First name must contain at least two characters."
)]
struct InvalidAttribute {
    #[api(details)]
    source: Source,
}

const INVALID_FIRST_NAME: InvalidAttribute = InvalidAttribute {
    source: Source {
        pointer: "/data/attributes/firstName",
    },
};

#[test]
fn json_api_writes_an_errors_array_with_the_status_as_a_string() {
    let response = JsonApi::response(&INVALID_FIRST_NAME, &RenderContext::new());
    assert_eq!(response.status(), 422);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.api+json"
    );
    assert_body(
        response.body(),
        r#"{"errors":[{"status":"422","title":"Invalid Attribute",
            "detail":"First name must contain at least two characters.",
            "meta":{"pointer":"/data/attributes/firstName"}}]}"#,
    );
}

#[test]
fn json_api_writes_an_integer_code_as_a_string() {
    #[derive(Debug, ApiError)]
    #[api(envelope = JsonApi, status = 400, code = 1, message = "Placeholder")]
    struct First;
    assert_body(
        First.to_response().body(),
        r#"{"errors":[{"status":"400","code":"1","title":"Bad Request","detail":"Placeholder"}]}"#,
    );
}

errwire::envelope! {
    /// JSON:API as its specification's example writes it, the pointer under `source`.
    #[content_type = "application/vnd.api+json"]
    pub struct JsonApiSource {
        "errors": [{
            "status": status as string,
            "source": details?,
            "title": title?,
            "detail": message,
        }],
    }
}

#[test]
fn a_template_reproduces_the_json_api_example() {
    let body = body_in::<JsonApiSource, _>(&INVALID_FIRST_NAME, &RenderContext::new());
    assert_body(
        &body,
        r#"{"errors":[{"status":"422","source":{"pointer":"/data/attributes/firstName"},
            "title":"Invalid Attribute","detail":"First name must contain at least two characters."}]}"#,
    );
}

errwire::envelope! {
    /// Every slot and every kind of literal.
    pub struct Everything {
        "status": status,
        "status_text": status as string,
        "reason": reason | null,
        "code": code | null,
        "code_text": code as string?,
        "message": message,
        "title": title?,
        "type": type,
        "doc_url": doc_url?,
        "details": details | null,
        "request_id": request_id?,
        "instance": instance | null,
        "literals": [null, true, false, -7, -9223372036854775808, 18446744073709551615, 2.5, -0.125, "a \"quoted\" \u{e9}"],
        "nested": {"deeper": {"status": status, "empty": {}}, "list": [code | null, []]},
    }
}

#[test]
fn every_slot_and_literal_has_its_value() {
    #[derive(Debug, ApiError)]
    #[api(envelope = Everything, type_base = "https://docs.example.com/errors#")]
    #[api(status = 409, code = 7, title = "Taken", message = "Room {0} exists")]
    struct Taken(#[api(detail = "room")] &'static str);

    let cx = RenderContext::new()
        .with_request_id("req-1")
        .with_instance("/rooms/a");
    assert_body(
        &body_in::<Everything, _>(&Taken("a"), &cx),
        r#"{"status":409,"status_text":"409","reason":"Conflict","code":7,"code_text":"7",
            "message":"Room a exists","title":"Taken","type":"https://docs.example.com/errors#7",
            "doc_url":"https://docs.example.com/errors#7","details":{"room":"a"},
            "request_id":"req-1","instance":"/rooms/a",
            "literals":[null,true,false,-7,-9223372036854775808,18446744073709551615,2.5,-0.125,"a \"quoted\" é"],
            "nested":{"deeper":{"status":409,"empty":{}},"list":[7,[]]}}"#,
    );
}

#[test]
fn slots_without_a_value_follow_their_presence_rule() {
    #[derive(Debug, ApiError)]
    #[api(envelope = Everything, status = 499, message = "Client closed the request")]
    struct Closed;

    assert_body(
        &body_in::<Everything, _>(&Closed, &RenderContext::new()),
        r#"{"status":499,"status_text":"499","reason":null,"code":null,
            "message":"Client closed the request","type":"about:blank","details":null,
            "instance":null,
            "literals":[null,true,false,-7,-9223372036854775808,18446744073709551615,2.5,-0.125,"a \"quoted\" é"],
            "nested":{"deeper":{"status":499,"empty":{}},"list":[null,[]]}}"#,
    );
}

/// The failsafe body is the template rendered for a 500 without code or details; it is
/// rendered when the macro runs, and must agree with what the runtime would write.
fn failsafe_is_the_rendered_500<Env: Envelope>() {
    #[derive(Debug, ApiError)]
    #[api(status = 500, message = "An unexpected error occurred")]
    struct Unexpected;
    let rendered = body_in::<Env, _>(&Unexpected, &RenderContext::new());
    assert_eq!(Env::FAILSAFE_BODY, String::from_utf8(rendered).unwrap());
}

#[test]
fn every_failsafe_body_is_its_template_rendered_for_a_500() {
    failsafe_is_the_rendered_500::<Problem>();
    failsafe_is_the_rendered_500::<Flat>();
    failsafe_is_the_rendered_500::<Nested>();
    failsafe_is_the_rendered_500::<JsonApi>();
    failsafe_is_the_rendered_500::<RfcExample>();
    failsafe_is_the_rendered_500::<Microsoft>();
    failsafe_is_the_rendered_500::<Google>();
    failsafe_is_the_rendered_500::<JsonApiSource>();
    failsafe_is_the_rendered_500::<Everything>();
}

#[test]
fn the_failsafe_bodies_of_the_built_in_envelopes() {
    assert_eq!(
        Problem::FAILSAFE_BODY,
        r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred"}"#
    );
    assert_eq!(
        Flat::FAILSAFE_BODY,
        r#"{"message":"An unexpected error occurred"}"#
    );
    assert_eq!(
        Nested::FAILSAFE_BODY,
        r#"{"error":{"message":"An unexpected error occurred"}}"#
    );
    assert_eq!(
        JsonApi::FAILSAFE_BODY,
        r#"{"errors":[{"status":"500","title":"Internal Server Error","detail":"An unexpected error occurred"}]}"#
    );
}
