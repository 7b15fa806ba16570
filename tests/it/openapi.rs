//! OpenAPI responses from the declarations: one response per status with every variant as a named
//! example, the schema read from the envelope's template, codes open, headers; every example
//! valid against its response's schema (the `jsonschema` crate, JSON Schema 2020-12).

// `show` is also in each example, which `apis` includes whole.
#![allow(clippy::duplicate_mod)]

use crate::apis;
#[allow(dead_code)]
#[path = "../../examples/show/mod.rs"]
mod show;

use apis::{gateway, server, verilock, verriflo, verto};
use errwire::ApiError;
use errwire::openapi::responses;
use serde_json::{Value, json};

/// Every example of every response validates against that response's schema; the number of
/// examples checked.
#[track_caller]
fn assert_examples_valid(responses: &Value) -> usize {
    let mut checked = 0;
    for (status, response) in responses.as_object().unwrap() {
        for (media_type, content) in response["content"].as_object().unwrap() {
            let validator = jsonschema::validator_for(&content["schema"])
                .unwrap_or_else(|error| panic!("{status} {media_type}: not a schema: {error}"));
            assert!(
                !validator.is_valid(&json!({})),
                "{status}: the schema requires members"
            );
            for (name, example) in content["examples"].as_object().unwrap() {
                let errors: Vec<String> = validator
                    .iter_errors(&example["value"])
                    .map(|error| error.to_string())
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{status} {name}: {errors:?}\n{}",
                    example["value"]
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn every_example_of_every_api_matches_its_schema() {
    let catalogs = [
        (
            responses::<server::ClassError>(),
            server::ClassError::catalog().entries.len(),
        ),
        (
            responses::<verriflo::VerrifloError>(),
            verriflo::VerrifloError::catalog().entries.len(),
        ),
        (
            responses::<verilock::VerilockError>(),
            verilock::VerilockError::catalog().entries.len(),
        ),
        (
            responses::<gateway::GatewayError>(),
            gateway::GatewayError::catalog().entries.len(),
        ),
        (
            responses::<verto::VertoError>(),
            verto::VertoError::catalog().entries.len(),
        ),
    ];
    for (responses, variants) in &catalogs {
        assert_eq!(
            assert_examples_valid(responses),
            *variants,
            "one example per variant"
        );
    }
}

/// aide and utoipa document every API's errors as errwire's own form does, but for what their
/// models change: aide adds a header's `style` and drops its `required: false` (the default);
/// utoipa's model has no `const` and no header `required`, and drops an empty `properties`.
#[test]
fn aide_and_utoipa_document_every_api_as_errwire_does() {
    /// `value` without the members `lost` says the tool's model loses.
    fn normalized(mut value: Value, lost: &dyn Fn(&str, &Value) -> bool) -> Value {
        match &mut value {
            Value::Object(object) => {
                object.retain(|key, member| key != "style" && !lost(key, member));
                for member in object.values_mut() {
                    *member = normalized(member.take(), lost);
                }
            }
            Value::Array(items) => {
                for item in items {
                    *item = normalized(item.take(), lost);
                }
            }
            _ => {}
        }
        value
    }
    fn check<E: show::Documented>() {
        let name = std::any::type_name::<E>();
        let aide_loses = |key: &str, value: &Value| key == "required" && *value == false;
        let utoipa_loses = |key: &str, value: &Value| {
            key == "const"
                || (key == "required" && value.is_boolean())
                || (key == "properties" && *value == json!({}))
        };
        for (tool, lost) in [
            ("aide", &aide_loses as &dyn Fn(&str, &Value) -> bool),
            ("utoipa", &utoipa_loses),
        ] {
            let document = show::openapi::<E>("API", Some(tool));
            let mut responses = document["paths"]["/"]["get"]["responses"].clone();
            if tool == "aide" {
                let ok = responses.as_object_mut().unwrap().remove("200");
                assert!(ok.is_some(), "aide documents the handler's `()` as 200");
            }
            assert_eq!(
                normalized(responses, lost),
                normalized(errwire::openapi::responses::<E>(), lost),
                "{name} with {tool}"
            );
        }
    }
    check::<server::ClassError>();
    check::<verriflo::VerrifloError>();
    check::<verilock::VerilockError>();
    check::<gateway::GatewayError>();
    check::<verto::VertoError>();
}

#[test]
fn variants_that_share_a_status_are_one_response_with_an_example_each() {
    let gateway = responses::<gateway::GatewayError>();
    let bad_request = &gateway["400"];
    let examples = bad_request["content"]["application/json"]["examples"]
        .as_object()
        .unwrap();
    assert_eq!(examples.len(), 6, "{examples:?}");
    assert_eq!(
        examples["InvalidCommand"]["value"],
        json!({"success": false, "error": "Invalid command"})
    );
    let description = bad_request["description"].as_str().unwrap();
    assert!(description.starts_with("Bad Request. "), "{description}");
    assert!(description.contains("`MissingAppId`"), "{description}");
}

#[test]
fn codes_are_open_and_typed_by_the_envelope() {
    let verilock = responses::<verilock::VerilockError>();
    let error = &verilock["500"]["content"]["application/json"]["schema"]["properties"]["error"];
    assert_eq!(error["type"], "string");
    assert_eq!(error["x-extensible-enum"], json!(["server_error"]));
    assert!(
        error.get("enum").is_none(),
        "a closed enum breaks clients on a new code"
    );

    let verto = responses::<verto::VertoError>();
    let code = &verto["400"]["content"]["application/json"]["schema"]["properties"]["code"];
    assert_eq!(code["type"], "integer");
    assert_eq!(code["x-extensible-enum"], json!([1, 2]));
}

#[test]
fn the_schema_follows_the_template() {
    let verilock = responses::<verilock::VerilockError>();
    let schema = &verilock["429"]["content"]["application/json"]["schema"];
    assert_eq!(schema["required"], json!(["error", "message", "details"]));
    assert_eq!(
        schema["properties"]["details"]["anyOf"][0]["properties"]["retry_after"]["type"],
        "integer"
    );
    assert_eq!(schema["properties"]["details"]["anyOf"][1]["type"], "null");

    let rooms = responses::<server::ClassError>();
    let problem = &rooms["404"]["content"]["application/problem+json"]["schema"];
    assert_eq!(
        problem["properties"]["status"],
        json!({"type": "integer", "const": 404})
    );
    assert_eq!(
        problem["properties"]["room_id"]["type"], "string",
        "flattened details"
    );
    assert_eq!(problem["properties"]["instance"]["format"], "uri-reference");
    let required = problem["required"].as_array().unwrap();
    assert!(required.contains(&json!("type")) && !required.contains(&json!("instance")));

    #[derive(Debug, errwire::ApiError)]
    #[api(envelope = errwire::JsonApi, status = 422, code = "invalid")]
    struct Invalid;
    let json_api = responses::<Invalid>();
    let item = &json_api["422"]["content"]["application/vnd.api+json"]["schema"]["properties"]["errors"]
        ["prefixItems"][0];
    assert_eq!(
        item["properties"]["status"],
        json!({"type": "string", "const": "422"})
    );
    let validator = jsonschema::validator_for(
        &json_api["422"]["content"]["application/vnd.api+json"]["schema"],
    )
    .unwrap();
    let body = |status: &str| json!({"errors": [{"status": status, "code": "invalid", "detail": "Unprocessable Entity"}]});
    assert!(validator.is_valid(&body("422")));
    assert!(
        !validator.is_valid(&body("500")),
        "the status is the response's"
    );
}

#[test]
fn a_header_is_required_when_every_variant_at_its_status_sends_it() {
    let rooms = responses::<server::ClassError>();
    assert_eq!(
        rooms["429"]["headers"]["Retry-After"],
        json!({"required": true, "schema": {"type": "integer", "minimum": 0}})
    );
    #[allow(dead_code)] // documented, never built
    #[derive(Debug, errwire::ApiError)]
    enum Busy {
        #[api(status = 503, code = "down", header(Retry-After = "120"))]
        Down,
        #[api(status = 503, code = "maintenance")]
        Maintenance,
    }
    let busy = responses::<Busy>();
    assert_eq!(busy["503"]["headers"]["Retry-After"]["required"], false);
    assert_eq!(
        busy["503"]["headers"]["X-Request-Id"]["required"], false,
        "Problem carries the request id"
    );
    let flat = responses::<verilock::VerilockError>();
    assert!(
        flat["404"].get("headers").is_none(),
        "Verilock's body has no request id"
    );
}

#[test]
fn a_5xx_example_shows_only_the_public_message() {
    let rooms = responses::<server::ClassError>();
    let example =
        &rooms["500"]["content"]["application/problem+json"]["examples"]["internal_error"];
    assert_eq!(example["value"]["detail"], "An unexpected error occurred");
    assert!(example["value"].get("room_id").is_none());
}

#[test]
fn the_framework_s_errors_are_documented_the_same_way() {
    use errwire::RequestError;
    use errwire::http::StatusCode;

    let documented = responses::<RequestError<errwire::Problem>>();
    let statuses: Vec<&String> = documented.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["400", "404", "405", "413", "415", "422", "500"]);
    assert_eq!(assert_examples_valid(&documented), 7);
    assert_eq!(documented["405"]["headers"]["Allow"]["required"], true);
    // The catalog's codes are the ones a RequestError of each status sends.
    for entry in RequestError::<errwire::Problem>::catalog().entries {
        let status = entry.status.unwrap();
        let error = RequestError::<errwire::Problem>::new(status, None);
        assert_eq!(entry.code, error.code(), "{status}");
        assert_ne!(status, StatusCode::OK);
    }
}

/// The example server's whole document: every error example of every operation matches its
/// schema, and the errors of the handlers and of axum share each status.
#[test]
fn the_server_s_document_has_every_error_of_every_operation() {
    let document = server::openapi();
    let mut operations = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let mut errors = operation["responses"].clone();
            errors
                .as_object_mut()
                .unwrap()
                .retain(|status, _| status.as_str() >= "400");
            if errors.as_object().unwrap().is_empty() {
                continue;
            }
            operations += 1;
            let checked = assert_examples_valid(&errors);
            assert!(checked > 10, "{method} {path}: {checked} examples");
        }
    }
    assert_eq!(operations, 4);
    let bad_request = &document["paths"]["/rooms"]["post"]["responses"]["400"];
    let examples = bad_request["content"]["application/problem+json"]["examples"]
        .as_object()
        .unwrap();
    assert!(examples.contains_key("invalid_room_id") && examples.contains_key("bad_request"));
    let server_error = &document["paths"]["/rooms"]["post"]["responses"]["500"]["content"]["application/problem+json"];
    assert_eq!(
        server_error["schema"]["properties"]["code"]["x-extensible-enum"],
        json!(["internal_error"]),
        "a code two error types share is listed once"
    );
    assert_eq!(server_error["examples"].as_object().unwrap().len(), 2);
}

/// A whole-details example flattened into a problem body is written member by member, in its
/// order (serde_json's `RawValue` is verbatim only through serde_json's own serializer).
#[test]
fn a_flattened_details_example_is_written_member_by_member() {
    #[allow(dead_code)] // documented, never built
    #[derive(Debug, errwire::ApiError)]
    enum Invalid {
        #[api(status = 422, code = "invalid")]
        Fields(
            #[api(details, example = r#"{"zeta": ["z"], "alpha": ["a"]}"#)]
            std::collections::BTreeMap<String, Vec<String>>,
        ),
    }
    let responses = responses::<Invalid>();
    let example =
        &responses["422"]["content"]["application/problem+json"]["examples"]["invalid"]["value"];
    assert_eq!(example["zeta"], json!(["z"]));
    assert!(!example.to_string().contains("$serde_json"), "{example}");
    let page = errwire::docs::Page::new("Errors")
        .error_type::<Invalid>()
        .markdown();
    let zeta = page.find("\"zeta\"").expect("zeta on the page");
    let alpha = page.find("\"alpha\"").expect("alpha on the page");
    assert!(zeta < alpha, "the example's order is kept:\n{page}");
}

#[test]
fn a_detail_whose_type_has_a_schema_is_described_by_it() {
    /// A seat in the hall.
    #[derive(Debug, serde::Serialize, schemars::JsonSchema)]
    struct Seat {
        row: u32,
        number: u32,
    }

    #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
    struct Owner {
        name: String,
        since: Since,
    }

    #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
    struct Since {
        year: u16,
    }

    #[derive(Debug, serde::Serialize, schemars::JsonSchema)]
    struct Quota {
        used: u64,
        limit: u64,
    }

    #[derive(Debug, errwire::ApiError)]
    #[api(envelope = errwire::Problem)]
    #[allow(dead_code)]
    enum BookingError {
        #[api(status = 409, code = "seat_taken", message = "The seat is taken")]
        SeatTaken {
            #[api(detail, example = r#"{"row": 3, "number": 14}"#)]
            seat: Seat,
            #[api(detail, example = r#"{"name": "ada", "since": {"year": 2024}}"#)]
            owner: Option<Owner>,
        },
        #[api(status = 429, code = "over_quota", message = "Over quota")]
        OverQuota(#[api(details, example = r#"{"used": 12, "limit": 10}"#)] Quota),
    }

    let responses = responses::<BookingError>();
    assert_eq!(assert_examples_valid(&responses), 2);
    let conflict = &responses["409"]["content"]["application/problem+json"]["schema"];
    let seat = &conflict["properties"]["seat"];
    assert_eq!(seat["type"], "object", "schemars' schema: {seat:#}");
    assert_eq!(seat["required"], json!(["row", "number"]));
    assert_eq!(seat["description"], "A seat in the hall.");
    let owner = &conflict["properties"]["owner"];
    let text = owner.to_string();
    assert!(
        !text.contains("$ref"),
        "utoipa's references inlined: {owner:#}"
    );
    assert!(
        text.contains("\"year\""),
        "the nested type is there: {owner:#}"
    );

    let validator = jsonschema::validator_for(conflict).unwrap();
    let body = |seat: Value| json!({"type": "about:blank", "status": 409, "detail": "The seat is taken", "code": "seat_taken", "seat": seat, "owner": null});
    assert!(validator.is_valid(&body(json!({"row": 3, "number": 14}))));
    assert!(
        !validator.is_valid(&body(json!({"row": "C"}))),
        "a body whose detail breaks the type's schema is not valid"
    );

    let over = &responses["429"]["content"]["application/problem+json"]["schema"];
    assert_eq!(
        over["properties"]["limit"]["type"], "integer",
        "a whole-details type's properties are flattened: {over:#}"
    );
}
