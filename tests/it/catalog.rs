use errwire::catalog::{HeaderEntry, HeaderKind, JsonType};
use errwire::{ApiError, Code};

/// The errors of the rooms API.
#[derive(Debug, ApiError)]
#[api(header(Cache-Control = "no-store"), retired = ["room_gone"])]
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
        /// The id in the request's path.
        #[api(detail, example = "math-101")]
        room_id: String,
    },
    #[deprecated(note = "clients back off on 503 now")]
    #[api(status = 429, code = "rate_limit_exceeded")]
    RateLimited {
        #[api(detail = "retry_after", header = "Retry-After")]
        seconds: u64,
    },
}

#[test]
fn one_entry_per_variant_with_its_documented_facts() {
    let catalog = RoomError::catalog();
    assert_eq!(catalog.name, "RoomError");
    assert_eq!(catalog.description, "The errors of the rooms API.");
    assert_eq!(
        catalog.envelope.map(|envelope| envelope.content_type()),
        Some("application/problem+json")
    );
    assert_eq!(catalog.retired, [Code::Str("room_gone")]);
    let entries = catalog.entries;
    assert_eq!(entries.len(), 2);
    let not_found = &entries[0];
    assert_eq!(not_found.name, "NotFound");
    assert_eq!(not_found.status.map(|status| status.as_u16()), Some(404));
    assert_eq!(not_found.code, Some(Code::Str("not_found")));
    assert_eq!(not_found.title, Some("Not found"));
    assert_eq!(not_found.message, "Room {room_id} not found");
    assert_eq!(
        not_found.description,
        "The room id does not exist,\nor belongs to another organization."
    );
    let no_store = HeaderEntry {
        name: "Cache-Control",
        value: HeaderKind::Fixed("no-store"),
    };
    assert_eq!(not_found.headers, [no_store]);
    let [room_id] = not_found.fields else {
        panic!("one field: {:?}", not_found.fields)
    };
    assert_eq!(room_id.name, "room_id");
    assert_eq!(room_id.json_type, JsonType::String);
    assert_eq!(room_id.detail, Some("room_id"));
    assert_eq!(room_id.description, "The id in the request's path.");
    assert_eq!(room_id.example, Some("\"math-101\""));
    assert_eq!(
        room_id.schema().unwrap()["type"],
        "string",
        "String's own schema"
    );
    assert_eq!(not_found.deprecated, None);
    let limited = &entries[1];
    let retry_after = HeaderEntry {
        name: "Retry-After",
        value: HeaderKind::DelaySeconds,
    };
    assert_eq!(limited.headers, [no_store, retry_after]);
    assert_eq!(limited.details().collect::<Vec<_>>(), ["retry_after"]);
    assert_eq!(limited.fields[0].json_type, JsonType::Integer);
    assert_eq!(limited.deprecated, Some("clients back off on 503 now"));
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
    #[allow(deprecated)]
    let limited = RoomError::RateLimited { seconds: 1 };
    assert_eq!(limited.message().to_string(), "Too Many Requests");
}

/// Plain variants (the short form of an entry) beside one with a title and a retry class.
#[derive(Debug, ApiError)]
#[api(type_base = "https://example.com/errors/")]
enum Plain {
    #[api(status = 404, code = "no_room", message = "No such room")]
    NoRoom,
    #[api(status = 400, code = "braces", message = "Write {{ and }} as they are")]
    Braces,
    #[api(status = 409, code = "taken", message = "Room {0} is taken")]
    Taken(#[api(detail = "room")] String),
    #[api(status = 503, title = "Down", retry = "transient")]
    Down,
}

#[test]
fn what_the_methods_answer_is_read_from_the_entry() {
    // The hidden methods are the derive's caches of the entries' facts.
    let errors = [
        Plain::NoRoom,
        Plain::Braces,
        Plain::Taken("math".into()),
        Plain::Down,
    ];
    let entries = Plain::catalog().entries;
    assert_eq!(entries.len(), errors.len());
    for (error, entry) in errors.iter().zip(entries) {
        assert_eq!(Some(error.status()), entry.status, "{}", entry.name);
        assert_eq!(error.code(), entry.code, "{}", entry.name);
        assert_eq!(
            error.__static_message(),
            entry.static_message,
            "{}",
            entry.name
        );
        assert_eq!(error.title(), entry.title, "{}", entry.name);
        assert_eq!(error.__type_uri(), entry.type_uri, "{}", entry.name);
        assert_eq!(error.retry(), entry.retry, "{}", entry.name);
    }
    assert_eq!(entries[0].static_message, Some("No such room"));
    assert_eq!(entries[1].static_message, Some("Write { and } as they are"));
    assert_eq!(entries[2].static_message, None, "formatted per occurrence");
    assert_eq!(entries[3].static_message, Some("Service Unavailable"));
    assert_eq!(
        entries[0].type_uri,
        Some("https://example.com/errors/no_room")
    );
    assert_eq!(entries[3].type_uri, None, "no code");
    assert_eq!(entries[3].retry, errwire::catalog::Retry::Transient);
}
