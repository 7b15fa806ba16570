use errwire::{ApiError, Code};

#[test]
fn rename_all_derives_codes_from_variant_names() {
    #[derive(Debug, ApiError)]
    #[api(rename_all = "SCREAMING_SNAKE_CASE", status = 400)]
    enum E {
        OrgSetupIncomplete,
        #[api(code = "custom")]
        NoVerifiedDomain,
    }
    assert_eq!(
        E::OrgSetupIncomplete.code(),
        Some(Code::Str("ORG_SETUP_INCOMPLETE"))
    );
    assert_eq!(E::NoVerifiedDomain.code(), Some(Code::Str("custom")));
}

#[test]
fn without_code_or_rename_all_there_is_no_code() {
    #[derive(Debug, ApiError)]
    enum E {
        #[api(status = 404, message = "Classroom not found")]
        NotFound,
    }
    assert_eq!(E::NotFound.code(), None);
    let body: serde_json::Value = serde_json::from_slice(E::NotFound.to_response().body()).unwrap();
    assert!(body.get("code").is_none(), "{body}");
    assert_eq!(body["type"], "about:blank");
}

#[test]
fn integer_codes_serialize_as_numbers() {
    #[derive(Debug, ApiError)]
    enum Verto {
        #[api(status = 400, code = 1)]
        First,
        #[api(status = 400, code = 2)]
        Second,
    }
    assert_eq!(Verto::Second.code(), Some(Code::Int(2)));
    let body: serde_json::Value =
        serde_json::from_slice(Verto::First.to_response().body()).unwrap();
    assert_eq!(body["code"], 1);
}

#[test]
fn shared_code_serves_two_statuses() {
    #[derive(Debug, ApiError)]
    enum E {
        #[api(status = 500, code = "server_error", shared_code)]
        Internal,
        #[api(status = 503, code = "server_error", shared_code)]
        Unavailable,
    }
    assert_eq!(E::Internal.code(), E::Unavailable.code());
    assert_eq!(E::Internal.status().as_u16(), 500);
    assert_eq!(E::Unavailable.status().as_u16(), 503);
}

#[test]
fn a_default_status_applies_to_variants_without_one() {
    #[derive(Debug, ApiError)]
    #[api(status = 400)]
    enum E {
        Vague,
        #[api(status = 404)]
        Missing,
    }
    assert_eq!(E::Vague.status().as_u16(), 400);
    assert_eq!(E::Missing.status().as_u16(), 404);
    assert_eq!(
        E::Vague.message().to_string(),
        "Bad Request",
        "the reason phrase is the default message"
    );
}
