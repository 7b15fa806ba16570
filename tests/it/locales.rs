//! Messages in the reader's language: declared inline and in Fluent files, chosen by
//! `Accept-Language`, the same status, code and details in every language.

use errwire::{ApiError, RenderContext};
use serde_json::Value;

#[derive(Debug, ApiError)]
#[api(
    envelope = errwire::Flat,
    locales = ["en", "fr", "de"],
    fluent = "tests/it/locales/{locale}.ftl"
)]
enum RoomError {
    #[api(
        status = 404,
        code = "room_not_found",
        message = "Room {room_id} not found"
    )]
    NotFound {
        #[api(detail)]
        room_id: String,
    },
    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Too many requests. Retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(detail, header = "Retry-After")]
        retry_after: u64,
    },
    #[api(
        status = 409,
        code = "room_full",
        message = "The room is full",
        message(fr = "La classe est pleine", de = "Die Klasse ist voll")
    )]
    Full,
    #[api(status = 500, message(fr = "Erreur interne"))]
    Internal,
}

fn body(response: &errwire::http::Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).unwrap()
}

#[test]
fn each_message_in_the_best_locale_with_the_same_facts() {
    let error = RoomError::NotFound {
        room_id: "math-101".into(),
    };
    let english = error.to_response();
    assert_eq!(body(&english)["message"], "Room math-101 not found");
    assert_eq!(english.headers()["content-language"], "en");
    let french =
        error.to_response_with(&RenderContext::new().with_accept_language("fr-CH, en;q=0.5"));
    assert_eq!(
        body(&french)["message"],
        "La classe math-101 est introuvable"
    );
    assert_eq!(french.headers()["content-language"], "fr");
    assert_eq!(french.headers()["vary"], "accept-language");
    assert_eq!(french.status(), english.status());
    let (mut french_body, mut english_body) = (body(&french), body(&english));
    french_body.as_object_mut().unwrap().remove("message");
    english_body.as_object_mut().unwrap().remove("message");
    assert_eq!(french_body, english_body, "only the message changes");

    let full = RoomError::Full.to_response_with(&RenderContext::new().with_accept_language("de"));
    assert_eq!(body(&full)["message"], "Die Klasse ist voll");
    let limited = RoomError::RateLimited { retry_after: 30 }
        .to_response_with(&RenderContext::new().with_accept_language("de-AT"));
    assert_eq!(
        body(&limited)["message"],
        "Zu viele Anfragen. Versuchen Sie es in 30 Sekunden erneut."
    );
    assert_eq!(limited.headers()["retry-after"], "30");
    let internal =
        RoomError::Internal.to_response_with(&RenderContext::new().with_accept_language("fr"));
    assert_eq!(body(&internal)["message"], "Erreur interne");
    for value in [
        "ja",
        "*",
        "",
        "fr;q=0",
        &"x".repeat(10_000),
        "\u{7f}garbage;;q==",
    ] {
        let response = error.to_response_with(&RenderContext::new().with_accept_language(value));
        assert_eq!(
            body(&response)["message"],
            "Room math-101 not found",
            "{value:?}"
        );
        assert_eq!(response.headers()["content-language"], "en");
    }
}

#[test]
fn the_catalog_has_every_translation() {
    let catalog = RoomError::catalog();
    assert_eq!(catalog.locales, ["en", "fr", "de"]);
    let not_found = &catalog.entries[0];
    assert_eq!(
        not_found.translations[0].message,
        "La classe {room_id} est introuvable"
    );
    assert_eq!(not_found.translations[0].static_message, None);
    assert_eq!(
        catalog.entries[2].translations[1].static_message,
        Some("Die Klasse ist voll")
    );
}

/// Two errors without a code at one status, as Verriflo's: told apart by their message in any
/// locale.
#[derive(Debug, ApiError)]
#[api(envelope = errwire::Flat, locales = ["en", "fr"])]
enum Uncoded {
    #[api(
        status = 404,
        message = "Organization not found",
        message(fr = "Organisation introuvable")
    )]
    Organization,
    #[api(
        status = 404,
        message = "Classroom {0} not found",
        message(fr = "Classe {0} introuvable")
    )]
    Classroom(String),
}

#[test]
fn a_client_reads_a_message_in_any_locale_back() {
    use errwire::client::Received;
    let french = RenderContext::new().with_accept_language("fr");
    for error in [Uncoded::Organization, Uncoded::Classroom("math".into())] {
        let sent = error.to_response_with(&french);
        let received =
            crate::client::read_both::<Uncoded>(sent.status(), sent.headers(), sent.body());
        assert_eq!(received.language(), Some("fr"));
        match (&error, &received) {
            (Uncoded::Organization, Received::Known(Uncoded::Organization, _)) => {}
            (Uncoded::Classroom(_), Received::Known(Uncoded::Classroom(_), _)) => {}
            _ => panic!("{error:?} read back as {received:?}"),
        }
    }
}

errwire::envelope! {
    /// Microsoft's guidelines' choice: `message` stays in the default language, the translation
    /// has a member of its own.
    pub struct Stable {
        "code": code,
        "message": default_message,
        "localized_message": message,
        "details": details?,
    }
}

#[derive(Debug, ApiError)]
#[api(envelope = Stable, locales = ["en", "fr"])]
enum Kept {
    #[api(
        status = 404,
        code = "no_room",
        message = "Room {0} not found",
        message(fr = "Classe {0} introuvable")
    )]
    NoRoom(#[api(detail = "room")] String),
}

#[test]
fn an_envelope_can_keep_its_message_in_the_default_language() {
    use errwire::client::Received;
    let error = Kept::NoRoom("math".into());
    let sent = error.to_response_with(&RenderContext::new().with_accept_language("fr"));
    let sent_body = body(&sent);
    assert_eq!(sent_body["message"], "Room math not found");
    assert_eq!(sent_body["localized_message"], "Classe math introuvable");
    assert_eq!(sent.headers()["content-language"], "fr");
    let received = crate::client::read_both::<Kept>(sent.status(), sent.headers(), sent.body());
    assert_eq!(received.message(), Some("Room math not found"));
    assert!(matches!(received, Received::Known(Kept::NoRoom(room), _) if room == "math"));
}

/// Canadian French falls back to French where it has no message of its own, German to the
/// default: neither needs every message.
#[derive(Debug, ApiError)]
#[api(
    envelope = errwire::Flat,
    locales = ["en", "fr", "fr-CA", "de"],
    fallback(fr_CA = "fr", de = "en")
)]
enum WithFallbacks {
    #[api(
        status = 404,
        message = "No room",
        message(fr = "Aucune classe", fr_CA = "Pas de classe")
    )]
    NoRoom,
    #[api(
        status = 409,
        message = "Room {0} is full",
        message(fr = "La classe {0} est pleine")
    )]
    Full(#[api(detail = "room")] String),
}

#[test]
fn a_locale_with_a_fallback_takes_what_it_lacks_from_there() {
    let message = |error: &WithFallbacks, language: &str| {
        let response = error.to_response_with(&RenderContext::new().with_accept_language(language));
        (
            body(&response)["message"].as_str().unwrap().to_owned(),
            response.headers()["content-language"]
                .to_str()
                .unwrap()
                .to_owned(),
        )
    };
    let full = WithFallbacks::Full("math".into());
    assert_eq!(
        message(&WithFallbacks::NoRoom, "fr-CA"),
        ("Pas de classe".into(), "fr-CA".into())
    );
    assert_eq!(
        message(&full, "fr-CA"),
        ("La classe math est pleine".into(), "fr-CA".into())
    );
    assert_eq!(
        message(&full, "de"),
        ("Room math is full".into(), "de".into())
    );
    assert_eq!(
        WithFallbacks::catalog().entries[1].translations[1].message,
        "La classe {0} est pleine"
    );
}
