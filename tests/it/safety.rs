use std::collections::BTreeMap;

use errwire::ApiError;
use serde::ser::{Error as _, Serialize, Serializer};

#[test]
fn a_header_value_that_is_not_valid_is_left_out() {
    #[derive(Debug, ApiError)]
    enum E {
        #[api(status = 409, message = "conflict")]
        Conflict {
            #[api(header = "X-Existing")]
            existing: String,
        },
        #[api(status = 503)]
        Unavailable {
            #[api(header = "Retry-After")]
            retry_after: i64,
        },
    }
    let injected = E::Conflict {
        existing: "a\r\nSet-Cookie: session=stolen".into(),
    }
    .to_response();
    assert_eq!(injected.status().as_u16(), 409);
    assert!(injected.headers().get("x-existing").is_none());
    assert!(injected.headers().get("set-cookie").is_none());
    let clean = E::Conflict {
        existing: "room-7".into(),
    }
    .to_response();
    assert_eq!(clean.headers()["x-existing"], "room-7");
    let negative = E::Unavailable { retry_after: -5 }.to_response();
    assert!(
        negative.headers().get("retry-after").is_none(),
        "a negative delay is not delay-seconds"
    );
}

#[test]
fn an_optional_header_field_is_sent_only_when_present() {
    #[derive(Debug, ApiError)]
    #[api(status = 429)]
    struct Limited {
        #[api(header = "Retry-After")]
        retry_after: Option<u64>,
    }
    assert_eq!(
        Limited {
            retry_after: Some(4)
        }
        .to_response()
        .headers()["retry-after"],
        "4"
    );
    assert!(
        Limited { retry_after: None }
            .to_response()
            .headers()
            .get("retry-after")
            .is_none()
    );
}

struct Unserializable;

impl Serialize for Unserializable {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom("secret internal state"))
    }
}

#[test]
fn a_body_that_cannot_be_serialized_becomes_the_fixed_500() {
    #[derive(ApiError)]
    #[api(status = 429, code = "limited")]
    struct Broken {
        #[api(detail)]
        state: Unserializable,
        #[api(header = "X-Seconds")]
        seconds: u64,
    }
    let response = Broken {
        state: Unserializable,
        seconds: 3,
    }
    .to_response();
    assert_eq!(response.status().as_u16(), 500);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert!(
        response.headers().get("x-seconds").is_none(),
        "the failed error's headers are not sent"
    );
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["status"], 500);
    assert!(!String::from_utf8_lossy(response.body()).contains("secret"));
}

#[test]
fn a_status_that_cannot_be_written_becomes_a_bare_internal_error() {
    struct Failing;

    impl std::fmt::Display for Failing {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Err(std::fmt::Error)
        }
    }

    #[derive(ApiError)]
    #[api(domain = "rooms.example.com")]
    enum Broken {
        #[api(status = 429, code = "limited")]
        Details {
            #[api(detail)]
            state: Unserializable,
        },
        #[api(
            status = 409,
            code = "taken",
            grpc = "ALREADY_EXISTS",
            message = "Taken by {who}"
        )]
        Message { who: Failing },
    }
    for broken in [
        Broken::Details {
            state: Unserializable,
        },
        Broken::Message { who: Failing },
    ] {
        let status = errwire::tonic::status(&broken);
        assert_eq!(status.code(), tonic::Code::Internal);
        assert_eq!(status.message(), "Internal Server Error");
        assert!(status.details().is_empty(), "nothing of the error is sent");
    }
}

#[test]
fn details_never_shadow_the_standard_members() {
    #[derive(Debug, ApiError)]
    #[api(
        status = 422,
        code = "invalid",
        message = "The given data was invalid."
    )]
    struct Invalid {
        #[api(details)]
        fields: BTreeMap<&'static str, &'static str>,
    }
    let fields = BTreeMap::from([
        ("status", "200"),
        ("detail", "all good"),
        ("name", "required"),
    ]);
    let body: serde_json::Value =
        serde_json::from_slice(Invalid { fields }.to_response().body()).unwrap();
    assert_eq!(body["status"], 422);
    assert_eq!(body["detail"], "The given data was invalid.");
    assert_eq!(body["name"], "required");
}

#[test]
fn messages_are_escaped_json() {
    #[derive(Debug, ApiError)]
    #[api(status = 400, message = "bad name {0:?} / {0}")]
    struct BadName(String);
    let name = "quote\" back\\slash\nnewline \u{7} bell é 日本";
    let error = BadName(name.into());
    let body: serde_json::Value = serde_json::from_slice(error.to_response().body()).unwrap();
    assert_eq!(body["detail"], format!("bad name {name:?} / {name}"));
}

#[test]
fn the_fixed_500_is_in_the_error_s_own_envelope() {
    #[derive(ApiError)]
    #[api(envelope = errwire::Flat, status = 422, code = "invalid")]
    struct Broken {
        #[api(detail)]
        state: Unserializable,
    }
    let response = Broken {
        state: Unserializable,
    }
    .to_response();
    assert_eq!(response.status().as_u16(), 500);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.body().as_slice(),
        br#"{"message":"An unexpected error occurred"}"#
    );
}
