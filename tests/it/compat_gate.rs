//! The compatibility gate: one fixture per rule, each an error type before (`old`) and after
//! (`new`) a change, the lock written from the first and compared with the second.

use errwire::ApiError;
use errwire::compat::{Impact, changes};
use errwire::docs::Page;

/// The rules and impacts found from `Old`'s lock to `New`.
fn found<Old: ApiError, New: ApiError>() -> Vec<(&'static str, Impact)> {
    let lock = Page::new("Errors").error_type::<Old>().json();
    changes(&lock, &Page::new("Errors").error_type::<New>())
        .expect("the lock is a JSON page")
        .into_iter()
        .map(|change| (change.rule, change.impact))
        .collect()
}

use Impact::{Breaking, Metadata, NonBreaking};

macro_rules! fixture {
    ($name:ident, [$($expected:expr),* $(,)?], old: { $($old:tt)* }, new: { $($new:tt)* }) => {
        #[test]
        fn $name() {
            mod old {
                #![allow(dead_code)]
                $($old)*
            }
            mod new {
                #![allow(dead_code)]
                $($new)*
            }
            let expected: Vec<(&str, Impact)> = vec![$($expected),*];
            assert_eq!(found::<old::E, new::E>(), expected);
        }
    };
}

fixture!(an_unchanged_type_has_no_change, [],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a", message = "A {0}")] A(#[api(detail)] u32) } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a", message = "A {0}")] A(#[api(detail)] u32) } }
);

fixture!(code_removed, [("code-removed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A, #[api(status = 409, code = "b")] B } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A } }
);

fixture!(a_retired_code_is_not_removed, [],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A, #[api(status = 409, code = "b")] B } },
    new: { #[derive(Debug, errwire::ApiError)] #[api(retired = ["b"])] pub enum E { #[api(status = 404, code = "a")] A } }
);

fixture!(retired_code_used, [("retired-code-used", Breaking), ("code-added", NonBreaking)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(retired = ["b"])] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A, #[api(status = 409, code = "b")] B } }
);

fixture!(status_changed, [("status-changed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 410, code = "a")] A } }
);

fixture!(status_class_changed, [("status-changed", Breaking), ("status-class-changed", Breaking), ("retry-changed", Metadata)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 409, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 503, code = "a")] A } }
);

fixture!(uncoded_status_changed, [("uncoded-status-changed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404)] Missing } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 400)] Missing } }
);

fixture!(error_removed, [("error-removed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404)] Missing, #[api(status = 409)] Taken } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404)] Missing } }
);

fixture!(error_added, [("error-added", NonBreaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404)] Missing } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404)] Missing, #[api(status = 409)] Taken } }
);

fixture!(detail_removed_and_renamed, [("detail-removed", Breaking), ("detail-added", NonBreaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A { #[api(detail)] room: String } } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A { #[api(detail = "room_id")] room: String } } }
);

fixture!(detail_retyped, [("detail-retyped", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A { #[api(detail)] room: String } } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A { #[api(detail)] room: u64 } } }
);

fixture!(detail_added, [("detail-added", NonBreaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A { #[api(detail)] room: String } } }
);

fixture!(header_removed, [("header-removed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 429, code = "a")] A { #[api(header = "Retry-After")] wait: u64 } } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 429, code = "a")] A { wait: u64 } } }
);

fixture!(header_added, [("header-added", NonBreaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 429, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 429, code = "a", header(Retry-After = "30"))] A } }
);

fixture!(code_added, [("code-added", NonBreaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A, #[api(status = 409, code = "b")] B } }
);

fixture!(envelope_changed, [("envelope-changed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(envelope = errwire::Flat)] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] #[api(envelope = errwire::Nested)] pub enum E { #[api(status = 404, code = "a")] A } }
);

fixture!(content_type_changed, [("content-type-changed", Breaking)],
    old: {
        errwire::envelope! { pub struct Body { "error": code?, "message": message } }
        #[derive(Debug, errwire::ApiError)] #[api(envelope = Body)] pub enum E { #[api(status = 404, code = "a")] A }
    },
    new: {
        errwire::envelope! { #[content_type = "application/vnd.rooms+json"] pub struct Body { "error": code?, "message": message } }
        #[derive(Debug, errwire::ApiError)] #[api(envelope = Body)] pub enum E { #[api(status = 404, code = "a")] A }
    }
);

fixture!(message_changed, [("message-changed", Metadata)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a", message = "Room not found")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a", message = "No such room")] A } }
);

fixture!(title_changed, [("title-changed", Metadata)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a", title = "Missing")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a", title = "Not there")] A } }
);

fixture!(retry_changed, [("retry-changed", Metadata)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 503, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 503, code = "a", retry = "never")] A } }
);

fixture!(description_changed, [("description-changed", Metadata)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { /// Old words.
        #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { /// New words.
        #[api(status = 404, code = "a")] A } }
);

fixture!(grpc_code_changed, [("grpc-code-changed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(domain = "rooms.example.com")] pub enum E { #[api(status = 400, code = "a", grpc = "INVALID_ARGUMENT")] A } },
    new: { #[derive(Debug, errwire::ApiError)] #[api(domain = "rooms.example.com")] pub enum E { #[api(status = 400, code = "a", grpc = "FAILED_PRECONDITION")] A } }
);

fixture!(grpc_reason_changed, [("grpc-reason-changed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(domain = "rooms.example.com")] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] #[api(domain = "rooms.example.com")] pub enum E { #[api(status = 404, code = "a", reason = "ROOM_GONE")] A } }
);

fixture!(grpc_removed, [("grpc-removed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(domain = "rooms.example.com")] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A } }
);

fixture!(grpc_added, [("grpc-added", NonBreaking)],
    old: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] #[api(domain = "rooms.example.com")] pub enum E { #[api(status = 404, code = "a")] A } }
);

fixture!(domain_changed, [("domain-changed", Breaking)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(domain = "rooms.example.com")] pub enum E { #[api(status = 404, code = "a")] A } },
    new: { #[derive(Debug, errwire::ApiError)] #[api(domain = "classes.example.com")] pub enum E { #[api(status = 404, code = "a")] A } }
);

#[test]
fn a_type_removed_or_added() {
    mod old {
        #[derive(Debug, errwire::ApiError)]
        #[api(status = 404, code = "a")]
        pub struct Gone;
    }
    mod new {
        #[derive(Debug, errwire::ApiError)]
        #[api(status = 404, code = "a")]
        pub struct Fresh;
    }
    assert_eq!(
        found::<old::Gone, new::Fresh>(),
        [("type-removed", Breaking), ("type-added", NonBreaking)]
    );
}

#[test]
fn every_change_is_reported_breaking_first_and_the_gate_names_them() {
    #[allow(dead_code)]
    mod old {
        #[derive(Debug, errwire::ApiError)]
        pub enum E {
            #[api(status = 404, code = "a", message = "A")]
            A,
            #[api(status = 409, code = "b")]
            B,
        }
    }
    #[allow(dead_code)]
    mod new {
        #[derive(Debug, errwire::ApiError)]
        pub enum E {
            #[api(status = 404, code = "a", message = "A, reworded")]
            A,
            #[api(status = 500, code = "c")]
            C,
        }
    }
    assert_eq!(
        found::<old::E, new::E>(),
        [
            ("code-removed", Breaking),
            ("code-added", NonBreaking),
            ("message-changed", Metadata),
        ]
    );

    let lock = std::env::temp_dir().join(format!("errwire-lock-{}.json", std::process::id()));
    std::fs::write(&lock, Page::new("Errors").error_type::<old::E>().json()).unwrap();
    let page = Page::new("Errors").error_type::<new::E>();
    let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        errwire::compat::assert_compatible(&lock, &page)
    }))
    .expect_err("a breaking change fails the gate");
    let report = report.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(report.contains("code-removed"), "{report}");
    assert!(report.contains("E/b"), "{report}");
    assert!(report.contains("code-added"), "{report}");
    assert!(report.contains("ERRWIRE=overwrite"), "{report}");
    let _ = std::fs::remove_file(lock);
}

#[test]
fn a_lock_of_another_format_or_version_is_an_error_that_names_both() {
    use errwire::compat::LockError;
    #[allow(dead_code)]
    #[derive(Debug, errwire::ApiError)]
    enum E {
        #[api(status = 404, code = "a")]
        A,
    }
    let page = Page::new("Errors").error_type::<E>();

    let openapi = r#"{"format":"openapi","version":1,"types":[]}"#;
    let error = changes(openapi, &page).expect_err("an OpenAPI document is no lock");
    assert!(
        matches!(&error, LockError::Format(Some(found)) if found == "openapi"),
        "{error:?}"
    );
    assert!(error.to_string().contains("`openapi`"), "{error}");
    assert!(error.to_string().contains("`errwire-errors`"), "{error}");

    let unformatted = changes(r#"{"version":1,"types":[]}"#, &page).expect_err("no format");
    assert!(
        matches!(unformatted, LockError::Format(None)),
        "{unformatted:?}"
    );

    let next = page.json().replacen("\"version\": 1", "\"version\": 2", 1);
    let error = changes(&next, &page).expect_err("a lock of a later version");
    assert!(matches!(error, LockError::Version(2)), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("version 2") && message.contains("version 1"),
        "{message}"
    );

    let error = changes("[1, 2]", &page).expect_err("not a page");
    assert!(matches!(error, LockError::Json(_)), "{error:?}");
    assert_eq!(changes(&page.json(), &page).expect("its own lock").len(), 0);
}

#[test]
fn a_lock_that_cannot_be_read_is_reported_as_it_is() {
    #[allow(dead_code)]
    #[derive(Debug, errwire::ApiError)]
    enum E {
        #[api(status = 404, code = "a")]
        A,
    }
    let page = Page::new("Errors").error_type::<E>();
    let folder = std::env::temp_dir().join(format!("errwire-locks-{}", std::process::id()));
    std::fs::create_dir_all(folder.join("dir.json")).unwrap();
    std::fs::write(folder.join("latin1.json"), b"{\"title\": \"caf\xe9\"}").unwrap();
    std::fs::write(
        folder.join("openapi.json"),
        r#"{"format":"openapi","version":1,"types":[]}"#,
    )
    .unwrap();
    for (name, expected) in [
        ("dir.json", "cannot read"),
        ("latin1.json", "is not UTF-8"),
        ("openapi.json", "format `openapi`"),
    ] {
        let path = folder.join(name);
        let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            errwire::compat::assert_compatible(&path, &page)
        }))
        .expect_err("an unreadable lock fails the gate");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.contains(expected), "{message}");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(!message.contains("does not exist"), "{message}");
    }
    let _ = std::fs::remove_dir_all(folder);
}

fixture!(locale_removed, [("locale-removed", Breaking), ("translation-removed", Metadata)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(locales = ["en", "fr"])] pub enum E { #[api(status = 404, code = "a", message = "Gone", message(fr = "Parti"))] A } },
    new: { #[derive(Debug, errwire::ApiError)] pub enum E { #[api(status = 404, code = "a", message = "Gone")] A } }
);

fixture!(locale_added, [("locale-added", NonBreaking)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(locales = ["en", "fr"])] pub enum E { #[api(status = 404, code = "a", message = "Gone", message(fr = "Parti"))] A } },
    new: { #[derive(Debug, errwire::ApiError)] #[api(locales = ["en", "fr", "de"])] pub enum E { #[api(status = 404, code = "a", message = "Gone", message(fr = "Parti", de = "Weg"))] A } }
);

fixture!(translation_changed, [("translation-changed", Metadata)],
    old: { #[derive(Debug, errwire::ApiError)] #[api(locales = ["en", "fr"])] pub enum E { #[api(status = 404, code = "a", message = "Gone", message(fr = "Parti"))] A } },
    new: { #[derive(Debug, errwire::ApiError)] #[api(locales = ["en", "fr"])] pub enum E { #[api(status = 404, code = "a", message = "Gone", message(fr = "Disparu"))] A } }
);
