//! An error behind `dyn ApiError` renders as its own type does. Envelopes write a concrete type's
//! details each by its own type (the derive's `__write_details`), a trait object's through
//! `details()` and a visitor: two paths that must write the same bytes, in every envelope.

use std::collections::BTreeMap;

use errwire::{ApiError, Envelope, Flat, JsonApi, Nested, Problem, RenderContext};

use crate::apis;

use apis::{gateway, server, verilock, verriflo, verto};

fn body<Env: Envelope, E: ApiError>(error: &E) -> String {
    let cx = RenderContext::new()
        .with_request_id("req_7")
        .with_instance("/rooms/42");
    let mut out = Vec::new();
    Env::write_body(error, &cx, &mut out).expect("every body of these APIs serializes");
    String::from_utf8(out).expect("JSON is UTF-8")
}

fn assert_erased_renders_the_same<E: ApiError + std::fmt::Debug>(errors: Vec<E>) {
    assert!(!errors.is_empty());
    for error in &errors {
        let erased: &dyn ApiError = error;
        for (typed, through_dyn) in [
            (body::<Problem, _>(error), body::<Problem, _>(&erased)),
            (body::<Flat, _>(error), body::<Flat, _>(&erased)),
            (body::<Nested, _>(error), body::<Nested, _>(&erased)),
            (body::<JsonApi, _>(error), body::<JsonApi, _>(&erased)),
        ] {
            assert_eq!(typed, through_dyn, "{error:?}");
        }
        assert_eq!(
            error.to_response().body(),
            Box::<dyn ApiError>::from(Box::new(erased))
                .to_response()
                .body(),
            "{error:?}"
        );
    }
}

#[test]
fn every_api_s_errors_render_the_same_through_a_trait_object() {
    assert_erased_renders_the_same(server::errors());
    assert_erased_renders_the_same(verriflo::errors());
    assert_erased_renders_the_same(verilock::errors());
    assert_erased_renders_the_same(gateway::errors());
    assert_erased_renders_the_same(verto::errors());
}

/// Details of every kind the derive writes differently: primitives by their typed method,
/// `Option`, collections and a reserved name by value, a whole details object, and a forwarded
/// error's details.
///
/// Its own envelope is `Flat`, where a detail named `status` is allowed: under `Problem` it is a
/// compile error, but a `Flat` error can still be rendered as a problem body.
#[derive(Debug, ApiError)]
#[api(envelope = Flat, rename_all = "snake_case")]
enum Kinds {
    #[api(status = 409)]
    Primitives {
        #[api(detail)]
        name: &'static str,
        #[api(detail)]
        count: u8,
        #[api(detail)]
        delta: i16,
        #[api(detail)]
        strict: bool,
    },
    #[api(status = 422)]
    Values {
        #[api(detail)]
        note: Option<String>,
        #[api(detail)]
        missing: Option<u64>,
        #[api(detail)]
        fields: Vec<String>,
        #[api(detail)]
        by_field: BTreeMap<String, Vec<String>>,
        /// Named like RFC 9457's own member: left out there, kept by the other envelopes.
        #[api(detail)]
        status: String,
    },
    #[api(status = 400)]
    Whole(#[api(details)] BTreeMap<&'static str, &'static str>),
    #[api(transparent)]
    Forwarded(Inner),
}

#[derive(Debug, ApiError)]
#[api(status = 403, code = "inner")]
struct Inner {
    #[api(detail)]
    scope: String,
}

#[test]
fn each_kind_of_detail_renders_the_same_through_a_trait_object() {
    assert_erased_renders_the_same(vec![
        Kinds::Primitives {
            name: "a \"quoted\" name",
            count: 255,
            delta: -3,
            strict: true,
        },
        Kinds::Values {
            note: Some("by the window".to_owned()),
            missing: None,
            fields: vec!["name".to_owned(), "email".to_owned()],
            by_field: BTreeMap::from([("name".to_owned(), vec!["is required".to_owned()])]),
            status: "shadowed".to_owned(),
        },
        Kinds::Whole(BTreeMap::from([
            ("target", "ContactInfo"),
            ("type", "shadowed"),
        ])),
        Kinds::Forwarded(Inner {
            scope: "rooms:write".to_owned(),
        }),
    ]);
    let primitives = body::<Flat, _>(&Kinds::Primitives {
        name: "n",
        count: 255,
        delta: -3,
        strict: false,
    });
    assert_eq!(
        primitives,
        r#"{"error":"primitives","message":"Conflict","details":{"name":"n","count":255,"delta":-3,"strict":false}}"#
    );
    // The typed path leaves the reserved names out as the erased one does.
    let values = body::<Problem, _>(&Kinds::Values {
        note: None,
        missing: None,
        fields: Vec::new(),
        by_field: BTreeMap::new(),
        status: "shadowed".to_owned(),
    });
    assert!(values.contains(r#""status":422"#), "{values}");
    assert!(!values.contains("shadowed"), "{values}");
}
