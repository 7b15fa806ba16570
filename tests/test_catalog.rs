use errwire::{ApiError, Code};

#[derive(Debug, ApiError)]
#[api(header(Cache-Control = "no-store"))]
enum RoomError {
    /// The room id does not exist,
    /// or belongs to another organization.
    #[api(
        status = 404,
        code = "not_found",
        title = "Not found",
        message = "Room {room_id} not found"
    )]
    NotFound {
        #[api(detail)]
        room_id: String,
    },
    #[api(status = 429, code = "rate_limit_exceeded")]
    RateLimited {
        #[api(detail = "retry_after", header = "Retry-After")]
        seconds: u64,
    },
}

#[test]
fn one_entry_per_variant_with_its_documented_facts() {
    let catalog = RoomError::catalog();
    assert_eq!(catalog.len(), 2);
    let not_found = &catalog[0];
    assert_eq!(not_found.name, "NotFound");
    assert_eq!(not_found.status.map(|status| status.as_u16()), Some(404));
    assert_eq!(not_found.code, Some(Code::Str("not_found")));
    assert_eq!(not_found.title, Some("Not found"));
    assert_eq!(not_found.message, "Room {room_id} not found");
    assert_eq!(
        not_found.description,
        "The room id does not exist,\nor belongs to another organization."
    );
    assert_eq!(not_found.headers, ["Cache-Control"]);
    assert_eq!(not_found.details, ["room_id"]);
    let limited = &catalog[1];
    assert_eq!(limited.headers, ["Cache-Control", "Retry-After"]);
    assert_eq!(limited.details, ["retry_after"]);
    assert_eq!(
        limited.message, "",
        "no template: the reason phrase is sent"
    );
}

#[test]
fn the_catalog_template_is_the_one_rendered() {
    let error = RoomError::NotFound {
        room_id: "math-101".into(),
    };
    assert_eq!(error.message().to_string(), "Room math-101 not found");
    assert_eq!(
        RoomError::RateLimited { seconds: 1 }.message().to_string(),
        "Too Many Requests"
    );
}
