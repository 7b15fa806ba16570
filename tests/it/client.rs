//! The client side: every error of the example server and the four seed APIs, sent in its own
//! envelope and read back by the same enum; the generic reading of what no enum declares.

use crate::apis;

use apis::{gateway, server, verilock, verriflo, verto};

use errwire::RenderContext;
use errwire::client::{ErrorResponse, FromResponse, Received, Shape};
use errwire::http::{HeaderMap, StatusCode};

/// Reads a response as a client does (`from_response`, which reads a body in the type's envelope
/// straight from its bytes) and through the generic reader (`ErrorResponse::parse`, then the
/// variant), and checks that both give the same: the same variant with the same facts, or the
/// same generic error.
#[track_caller]
pub fn read_both<E: FromResponse + std::fmt::Debug>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Received<E> {
    let received = E::from_response(status, headers, body);
    let generic = Received::<E>::new(ErrorResponse::parse(
        status,
        headers,
        body.to_vec(),
        E::catalog(),
    ));
    assert_eq!(
        format!("{received:?}"),
        format!("{generic:?}"),
        "read in place and read generically differ for {}",
        String::from_utf8_lossy(body)
    );
    received
}

/// Sends each error and reads it back: the same variant, which writes the same response again.
/// `unreadable` names the variants that cannot come back, each for a reason the test states.
#[track_caller]
fn round_trip<E: FromResponse + std::fmt::Debug>(errors: Vec<E>, unreadable: &[&str]) {
    let cx = RenderContext::new()
        .with_request_id("req-42")
        .with_instance("/rooms/math-101");
    let mut read_back = 0;
    let mut not_read_back = Vec::new();
    for error in &errors {
        let sent = error.to_response_with(&cx);
        let received = read_both::<E>(sent.status(), sent.headers(), sent.body());
        assert_eq!(received.status(), sent.status());
        let response = ErrorResponse::parse(
            sent.status(),
            sent.headers(),
            sent.body().clone(),
            E::catalog(),
        );
        assert_eq!(response.code.is_some(), error.code().is_some(), "{error:?}");
        if let Some(code) = error.code() {
            assert!(response.code.as_ref().unwrap().is(code), "{error:?}");
        }
        assert_eq!(
            response.retry,
            error.retry(),
            "{error:?}: the class is read back too"
        );
        assert_eq!(&response.body, sent.body(), "the bytes are kept");
        let debug = format!("{error:?}");
        let name = debug
            .split(['(', ' ', '{'])
            .next()
            .unwrap_or_default()
            .to_owned();
        // What the catalog (and so the page) says of the variant is what the client does.
        let catalog = E::catalog();
        let untyped = catalog
            .entries
            .iter()
            .position(|entry| entry.name == name)
            .and_then(|index| catalog.untyped(index));
        assert_eq!(
            untyped.is_some(),
            matches!(received, Received::Unknown(_)),
            "{name}: the catalog says {untyped:?}"
        );
        match received {
            Received::Known(again, response) => {
                assert_eq!(response.shape(), Shape::Envelope, "{name}");
                let resent = again.to_response_with(&cx);
                assert_eq!(resent.status(), sent.status(), "{name}");
                assert_eq!(resent.headers(), sent.headers(), "{name}");
                assert_eq!(
                    String::from_utf8_lossy(resent.body()),
                    String::from_utf8_lossy(sent.body()),
                    "{name}: read back as {again:?}"
                );
                assert_eq!(
                    std::mem::discriminant(&again),
                    std::mem::discriminant(error),
                    "{name}"
                );
                read_back += 1;
            }
            Received::Unknown(response) => {
                assert!(
                    unreadable.contains(&name.as_str()),
                    "{debug} was not read back: {response:?}"
                );
                not_read_back.push(name);
            }
        }
    }
    assert_eq!(not_read_back, unreadable, "{read_back} read back");
}

#[test]
fn every_seed_error_comes_back_as_the_same_variant() {
    // `Internal`'s source, a `Box<dyn Error>`, is never sent and has no default.
    round_trip(verriflo::errors(), &["Internal"]);
    // Likewise.
    round_trip(verilock::errors(), &["Internal"]);
    // Likewise `KeyLookup`'s.
    round_trip(gateway::errors(), &["KeyLookup"]);
    // Likewise `Internal`'s.
    round_trip(verto::errors(), &["Internal"]);
}

#[test]
fn every_server_error_comes_back_but_those_the_wire_cannot_carry() {
    round_trip(
        server::errors(),
        &[
            // `name` shows only in the message: a default would be a wrong name.
            "NameTaken",
            // `source` is an `io::Error`, never sent, without a default.
            "Recording",
        ],
    );
}

#[test]
fn the_catalog_says_which_errors_come_back_typed_and_why_not() {
    /// Written to the body, never read from it.
    #[derive(Debug, serde::Serialize)]
    struct Quota {
        used: u32,
    }

    /// Written to a header by its `Display`, with no `FromStr` to read it back.
    #[derive(Debug)]
    struct Region(&'static str);

    impl std::fmt::Display for Region {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    #[derive(Debug, thiserror::Error, errwire::ApiError)]
    #[api(envelope = errwire::Flat, rename_all = "snake_case")]
    enum QuotaError {
        #[error("over quota")]
        #[api(status = 403)]
        OverQuota {
            #[api(detail)]
            quota: Quota,
        },
        #[error("moved")]
        #[api(status = 421)]
        Moved {
            #[api(header = "X-Region")]
            region: Region,
        },
        #[error("disk: {0}")]
        #[api(status = 500)]
        Disk(#[source] std::io::Error),
        #[error("room {room}")]
        #[api(status = 404, message = "Room {room} not found")]
        NotFound { room: String },
    }

    let errors = vec![
        QuotaError::OverQuota {
            quota: Quota { used: 3 },
        },
        QuotaError::Moved {
            region: Region("eu"),
        },
        QuotaError::Disk(std::io::Error::other("full")),
        QuotaError::NotFound {
            room: "math-101".to_owned(),
        },
    ];
    round_trip(errors, &["OverQuota", "Moved", "Disk"]);

    let catalog = <QuotaError as errwire::ApiError>::catalog();
    let said: Vec<Option<&str>> = (0..4).map(|index| catalog.untyped(index)).collect();
    assert_eq!(
        said,
        [
            Some("field `quota`'s type is not `serde::Deserialize`"),
            Some(
                "field `region`'s type is not `FromStr`, so its `X-Region` header cannot be read back"
            ),
            Some("field `0` is not on the wire, and its type has no `Default`"),
            None,
        ]
    );

    let page = errwire::docs::Page::new("Errors").error_type::<QuotaError>();
    assert!(
        page.markdown().contains(
            "| Client | read back as a generic error, not this variant: field \\`quota\\`'s type is not \\`serde::Deserialize\\` |"
        ),
        "{}",
        page.markdown()
    );
    let failure = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        errwire::docs::assert_typed(&page, &["QuotaError::Disk", "NotFound"])
    }))
    .expect_err("three errors cannot come back typed");
    let failure = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    for line in [
        "- QuotaError::OverQuota comes back generic: field `quota`'s type is not `serde::Deserialize`",
        "- QuotaError::Moved comes back generic: field `region`'s type",
        "- QuotaError::NotFound comes back typed, but is listed",
    ] {
        assert!(failure.contains(line), "{failure}");
    }
    assert!(!failure.contains("Disk"), "{failure}");
    errwire::docs::assert_typed(
        &errwire::docs::Page::new("Errors").error_type::<verilock::VerilockError>(),
        &["Internal"],
    );
}

errwire::envelope! {
    /// A code that may be absent, and the message: a body of `Flat` fits it, leniently.
    pub struct Coded {
        "code": code?,
        "message": message,
    }
}

#[test]
fn a_body_in_another_shape_keeps_its_code() {
    #[derive(Debug, errwire::ApiError)]
    #[api(envelope = Coded)]
    enum UploadError {
        #[api(status = 400, message = "Bad request")]
        BadRequest,
        #[api(status = 400, code = "quota", message = "Quota exceeded")]
        Quota,
    }

    let mut headers = errwire::http::HeaderMap::new();
    headers.insert("content-type", "application/json".parse().unwrap());
    let flat = br#"{"error":"quota","message":"Quota exceeded"}"#;
    let received = read_both::<UploadError>(StatusCode::BAD_REQUEST, &headers, flat);
    assert!(
        matches!(&received, Received::Known(UploadError::Quota, info) if info.shape() == Shape::Builtin("Flat")),
        "{received:?}"
    );

    // Its own shape, with a member a server added, is still read as its own.
    let own = br#"{"message":"Bad request","trace":"a1"}"#;
    let received = read_both::<UploadError>(StatusCode::BAD_REQUEST, &headers, own);
    assert!(
        matches!(&received, Received::Known(UploadError::BadRequest, info) if info.shape() == Shape::Envelope),
        "{received:?}"
    );
}

/// A body whose strings are written with JSON escapes reads as the same body: the code, the
/// request id and the instance (which the typed read borrows, and leaves to the generic reader
/// when escaped) and the message.
#[test]
fn strings_written_with_escapes_read_as_the_same_strings() {
    #[derive(Debug, errwire::ApiError)]
    #[api(envelope = errwire::Problem)]
    enum RoomError {
        #[api(status = 404, code = "no_room", message = "No such room")]
        NoRoom,
    }

    let headers = HeaderMap::new();
    let plain = br#"{"type":"about:blank","title":"Not Found","status":404,"detail":"No such room","instance":"/rooms/a","code":"no_room","request_id":"req-1"}"#;
    let escaped = br#"{"type":"about:blank","title":"Not Found","status":404,"detail":"No such \u0072oom","instance":"\/rooms\/a","code":"no\u005froom","request_id":"req\u002d1"}"#;
    let plain = read_both::<RoomError>(StatusCode::NOT_FOUND, &headers, plain);
    let escaped = read_both::<RoomError>(StatusCode::NOT_FOUND, &headers, escaped);
    assert!(
        matches!(escaped, Received::Known(RoomError::NoRoom, _)),
        "{escaped:?}"
    );
    assert_eq!(format!("{escaped:?}"), format!("{plain:?}"));
    assert_eq!(escaped.request_id(), Some("req-1"));
    assert_eq!(escaped.message(), Some("No such room"));
}

/// Mutations of the bodies errwire sends, for the two readers to agree on: one member of the
/// body's objects removed, repeated, retyped, written with escapes, or one added, at any depth.
mod mutated {
    use errwire::ApiError;
    use errwire::client::FromResponse;
    use errwire::http::{HeaderMap, StatusCode};
    use proptest::prelude::*;
    use serde_json::{Map, Value, json};

    use super::{gateway, read_both, server, verilock, verriflo, verto};

    /// Every error of the example and the seeds, as (status, headers, body).
    fn sent() -> Vec<(StatusCode, HeaderMap, Value)> {
        fn of<E: ApiError>(errors: Vec<E>) -> Vec<(StatusCode, HeaderMap, Value)> {
            let cx = errwire::RenderContext::new()
                .with_request_id("req-42")
                .with_instance("/rooms/math-101");
            errors
                .iter()
                .map(|error| {
                    let sent = error.to_response_with(&cx);
                    let body = serde_json::from_slice(sent.body()).unwrap();
                    (sent.status(), sent.headers().clone(), body)
                })
                .collect()
        }
        let mut all = of(server::errors());
        all.extend(of(verriflo::errors()));
        all.extend(of(verilock::errors()));
        all.extend(of(gateway::errors()));
        all.extend(of(verto::errors()));
        all
    }

    #[derive(Clone, Debug)]
    enum Mutation {
        Remove,
        Retype(Value),
        Add(String, Value),
        Escape,
        Repeat,
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let value = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            Just(json!(1e300)),
            Just(json!(18446744073709551615u64)),
            "[a-z\\\"é ]{0,8}".prop_map(Value::from),
            Just(json!({"room": "x", "seat": -1})),
            Just(json!([{"code": "x"}])),
            // Deeper than a JSON reader reads with the rest of the body around it, or just not.
            (120usize..130).prop_map(nested),
        ];
        prop_oneof![
            Just(Mutation::Remove),
            value.clone().prop_map(Mutation::Retype),
            ("[a-z_]{1,10}", value).prop_map(|(key, value)| Mutation::Add(key, value)),
            Just(Mutation::Escape),
            Just(Mutation::Repeat),
        ]
    }

    /// Arrays `depth` deep.
    fn nested(depth: usize) -> Value {
        (0..depth).fold(Value::Null, |inner, _| Value::Array(vec![inner]))
    }

    /// Calls `change` on the `at`-th object of `value`, depth first, if it has that many;
    /// whether it did.
    fn in_object(
        value: &mut Value,
        at: &mut usize,
        change: &mut dyn FnMut(&mut Map<String, Value>),
    ) -> bool {
        match value {
            Value::Object(map) if *at == 0 => {
                change(map);
                true
            }
            Value::Object(map) => {
                *at -= 1;
                map.values_mut().any(|member| in_object(member, at, change))
            }
            Value::Array(items) => items.iter_mut().any(|item| in_object(item, at, change)),
            _ => false,
        }
    }

    /// `body` written as text with `mutation` applied to one member of its `at`-th object.
    fn mutate(mut body: Value, at: usize, member: usize, mutation: &Mutation) -> String {
        let mut key = None;
        in_object(&mut body, &mut { at }, &mut |object| {
            let Some(name) = object.keys().nth(member % object.len().max(1)).cloned() else {
                return;
            };
            match mutation {
                Mutation::Remove => {
                    object.shift_remove(&name);
                }
                Mutation::Retype(value) => {
                    object.insert(name.clone(), value.clone());
                }
                Mutation::Add(added, value) => {
                    object.insert(added.clone(), value.clone());
                }
                Mutation::Escape | Mutation::Repeat => {}
            }
            key = Some(name);
        });
        let Some(key) = key else {
            return body.to_string();
        };
        let text = body.to_string();
        let quoted = format!("\"{key}\":");
        match mutation {
            // The same key, written with a JSON escape: the same member to a JSON reader.
            Mutation::Escape => {
                let escaped: String = key
                    .chars()
                    .map(|c| format!("\\u{:04x}", c as u32))
                    .collect();
                text.replacen(&quoted, &format!("\"{escaped}\":"), 1)
            }
            // The member twice: a JSON reader takes the last.
            Mutation::Repeat => text.replacen(&quoted, &format!("{quoted}null,{quoted}"), 1),
            _ => text,
        }
    }

    fn agree<E: FromResponse + std::fmt::Debug>(
        status: StatusCode,
        headers: &HeaderMap,
        body: &str,
    ) {
        read_both::<E>(status, headers, body.as_bytes());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

        #[test]
        fn the_typed_read_and_the_generic_read_agree_on_any_change_to_a_body(
            error in any::<prop::sample::Index>(),
            at in 0usize..8,
            member in 0usize..16,
            mutation in mutation(),
        ) {
            let all = sent();
            let (status, headers, body) = all[error.index(all.len())].clone();
            let text = mutate(body, at, member, &mutation);
            agree::<server::ClassError>(status, &headers, &text);
            agree::<verriflo::VerrifloError>(status, &headers, &text);
            agree::<verilock::VerilockError>(status, &headers, &text);
            agree::<gateway::GatewayError>(status, &headers, &text);
            agree::<verto::VertoError>(status, &headers, &text);
        }
    }
}

mod hostile {
    use errwire::catalog::Catalog;
    use errwire::client::{ErrorResponse, Received, Shape};
    use errwire::http::{HeaderMap, HeaderValue, StatusCode};
    use proptest::prelude::*;
    use serde_json::{Map, Value, json};

    fn headers(content_type: &str, retry_after: &[u8]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_str(content_type).unwrap());
        if let Ok(value) = HeaderValue::from_bytes(retry_after) {
            headers.insert("retry-after", value);
        }
        headers
    }

    fn content_type() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "application/json",
            "application/problem+json",
            "application/vnd.api+json",
            "text/html; charset=utf-8",
            "",
        ])
    }

    /// Members an error body may hold beside its message, of any JSON type.
    fn extras() -> impl Strategy<Value = Map<String, Value>> {
        let key = prop::sample::select(vec![
            "error",
            "code",
            "status",
            "details",
            "errors",
            "type",
            "title",
            "success",
            "request_id",
            "hint",
            "retry_after",
        ]);
        let value = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[a-z_ ]{0,12}".prop_map(Value::from),
            Just(json!({"field": ["is required"]})),
            Just(json!([{"code": "x"}])),
        ];
        prop::collection::btree_map(key, value, 0..6).prop_map(|members| {
            members
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes_are_kept_and_never_panic(
            status in 400u16..600,
            content_type in content_type(),
            retry_after in prop::collection::vec(any::<u8>(), 0..40),
            body in prop::collection::vec(any::<u8>(), 0..300),
        ) {
            let status = StatusCode::from_u16(status).unwrap();
            let headers = headers(content_type, &retry_after);
            let response = ErrorResponse::parse(status, &headers, body.clone(), &Catalog::EMPTY);
            prop_assert_eq!(&response.body, &body);
            let _ = response.to_string();
            let received = crate::client::read_both::<super::server::ClassError>(status, &headers, &body);
            if let Received::Unknown(response) = received {
                prop_assert_eq!(&response.body, &body);
            }
            if serde_json::from_slice::<Value>(&body).is_err() && !body.iter().all(u8::is_ascii_whitespace) {
                prop_assert_eq!(response.shape, Shape::NotJson);
            }
        }

        #[test]
        fn a_message_in_a_body_is_never_lost(
            status in 400u16..600,
            content_type in content_type(),
            key in prop::sample::select(vec!["message", "detail"]),
            message in "[^\"\\\\]{0,40}",
            mut members in extras(),
        ) {
            members.insert(key.to_owned(), Value::from(message.clone()));
            let body = serde_json::to_vec(&Value::Object(members)).unwrap();
            let status = StatusCode::from_u16(status).unwrap();
            let headers = headers(content_type, b"");
            let response = ErrorResponse::parse(status, &headers, body.clone(), &Catalog::EMPTY);
            prop_assert_eq!(response.message.as_deref(), Some(message.as_str()), "{:?}", response);
            let received = crate::client::read_both::<super::verilock::VerilockError>(status, &headers, &body);
            prop_assert_eq!(received.message(), Some(message.as_str()));
        }
    }
}

/// Two errors without a code at one status, told apart by their messages, with different retry
/// classes: the typed variant and the generic response's class come from the same entry.
#[derive(Debug, errwire::ApiError)]
#[api(envelope = errwire::Flat)]
enum Uncoded {
    #[api(status = 503, message = "Down for maintenance", retry = "never")]
    Maintenance,
    #[api(
        status = 503,
        expose,
        message = "Overloaded, {0} requests waiting",
        retry = "transient"
    )]
    Overloaded(u32),
    #[api(status = 503, message = "Try again later")]
    Later,
}

#[test]
fn the_variant_and_the_retry_class_are_read_by_one_rule() {
    use errwire::ApiError as _;
    use errwire::catalog::Retry;

    for (error, retry) in [
        (Uncoded::Maintenance, Retry::Never),
        (Uncoded::Overloaded(12), Retry::Transient),
        (Uncoded::Later, Retry::Throttle),
    ] {
        let sent = error.to_response();
        let received = read_both::<Uncoded>(sent.status(), sent.headers(), sent.body());
        assert_eq!(received.retry(), retry, "{error:?}");
        let generic = ErrorResponse::parse(
            sent.status(),
            sent.headers(),
            sent.body().clone(),
            Uncoded::catalog(),
        );
        assert_eq!(
            generic.retry, retry,
            "{error:?}: the generic response's class"
        );
        let known = received.known().expect("read back typed");
        assert_eq!(format!("{known:?}"), format!("{error:?}"));
    }
    let body = br#"{"error":null,"message":"Something else"}"#;
    let received = Uncoded::from_response(
        errwire::http::StatusCode::SERVICE_UNAVAILABLE,
        &errwire::http::HeaderMap::new(),
        body,
    );
    assert!(received.known().is_none(), "no template reads it");
    assert_eq!(received.retry(), Retry::Throttle, "by status");
}
