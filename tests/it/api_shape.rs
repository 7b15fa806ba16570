//! The shape of errwire's API: a type's catalog names its envelope, rendering in another envelope
//! is the envelope's function, building a response logs nothing, and the common enum name
//! `ApiError` derives.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use errwire::catalog::{Catalog, CatalogEntry};
use errwire::http::StatusCode;
use errwire::{
    ApiError as _, Code, DetailFields, DetailValue, DetailVisitor, Details, Envelope, Flat,
    Problem, RenderContext,
};

#[derive(Debug, thiserror::Error, errwire::ApiError)]
#[api(envelope = errwire::Flat)]
enum Booking {
    #[error("room {0} is taken")]
    #[api(status = 409, code = "taken", message = "Room {0} is taken")]
    Taken(#[api(detail = "room")] String),
}

#[test]
fn a_boxed_error_renders_in_its_own_type_s_envelope() {
    let boxed: Box<dyn errwire::ApiError + Send + Sync> = Box::new(Booking::Taken("a1".into()));
    let response = boxed.to_response();
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.body(),
        br#"{"error":"taken","message":"Room a1 is taken","details":{"room":"a1"}}"#
    );
    let dynamic: &dyn errwire::ApiError = &*boxed;
    assert_eq!(dynamic.envelope().content_type(), Flat::CONTENT_TYPE);
    assert_eq!(
        dynamic
            .envelope()
            .response(dynamic, &RenderContext::new())
            .body(),
        response.body()
    );
}

#[test]
fn rendering_in_another_envelope_is_that_envelope_s_function() {
    let error = Booking::Taken("a1".into());
    let cx = RenderContext::new().with_instance("/rooms/a1");
    let response = Problem::response(&error, &cx);
    assert_eq!(response.status(), 409);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["instance"], "/rooms/a1");
    assert_eq!(body["room"], "a1");

    let mut out = b"prefix:".to_vec();
    Flat::write_body(&error, &cx, &mut out).unwrap();
    assert_eq!(
        out,
        br#"prefix:{"error":"taken","message":"Room a1 is taken","details":{"room":"a1"}}"#
    );
}

#[test]
fn building_a_response_logs_nothing() {
    #[derive(Debug, thiserror::Error, errwire::ApiError)]
    #[error("disk failed: secret-path")]
    #[api(status = 500)]
    struct Disk;

    let log = Arc::new(Mutex::new(Vec::new()));
    let writer = Arc::clone(&log);
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || Capture(Arc::clone(&writer)))
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        tracing::debug!("the subscriber captures");
        let _ = Disk.to_response();
        let _ = Flat::response(&Disk, &RenderContext::new());
    });
    let log = String::from_utf8(log.lock().unwrap().clone()).unwrap();
    assert!(log.contains("the subscriber captures"), "{log}");
    assert_eq!(
        log.lines().count(),
        1,
        "a response value is not a failure: {log}"
    );
}

struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

mod named_api_error {
    use errwire::ApiError as _;

    /// The most common name of a service's error enum.
    #[derive(Debug, errwire::ApiError)]
    pub enum ApiError {
        #[api(status = 404, code = "not_found")]
        NotFound,
    }

    #[test]
    fn an_enum_named_api_error_derives() {
        assert_eq!(ApiError::NotFound.status(), 404);
        assert_eq!(
            ApiError::NotFound.code(),
            Some(errwire::Code::Str("not_found"))
        );
    }
}

/// An error implemented by hand, as the crate documentation shows.
struct Quota {
    used: u32,
}

impl errwire::ApiError for Quota {
    fn catalog() -> &'static Catalog {
        const ENTRIES: &[CatalogEntry] =
            &[CatalogEntry::new("Quota", StatusCode::TOO_MANY_REQUESTS)
                .with_code(Code::Str("quota"))
                .with_message("Quota of {used} requests used")];
        const CATALOG: &Catalog = &Catalog::new("Quota", Flat::DYN).with_entries(ENTRIES);
        CATALOG
    }

    fn status(&self) -> errwire::http::StatusCode {
        errwire::http::StatusCode::TOO_MANY_REQUESTS
    }

    fn code(&self) -> Option<Code> {
        Some(Code::Str("quota"))
    }

    fn fmt_message(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Quota of {} requests used", self.used)
    }

    fn details(&self) -> Details<'_> {
        Details::Fields(self)
    }
}

impl DetailFields for Quota {
    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
        visitor.detail_u64("used", u64::from(self.used));
        visitor.detail("limits", &[10, 100]);
    }
}

#[test]
fn a_hand_written_impl_renders_its_details_without_naming_serde_internals() {
    let quota = Quota { used: 100 };
    errwire::assert_impl(&quota);
    assert_eq!(
        quota.to_response().body(),
        br#"{"error":"quota","message":"Quota of 100 requests used","details":{"used":100,"limits":[10,100]}}"#
    );

    /// A visitor written by hand: the value is `Serialize` as it is.
    struct Collect(BTreeMap<&'static str, serde_json::Value>);
    impl DetailVisitor for Collect {
        fn detail(&mut self, name: &'static str, value: &dyn DetailValue) {
            self.0.insert(name, serde_json::to_value(value).unwrap());
        }
    }
    let mut collect = Collect(BTreeMap::new());
    quota.visit_details(&mut collect);
    assert_eq!(collect.0["used"], 100);
    assert_eq!(collect.0["limits"], serde_json::json!([10, 100]));
}

/// What `assert_impl` says about a hand-written impl that breaks a rule.
fn assert_impl_panic(error: &dyn errwire::ApiError) -> String {
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        errwire::assert_impl(error);
    }))
    .expect_err("assert_impl accepts a broken impl");
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}

struct Broken {
    status: u16,
    fixed: &'static str,
}

impl errwire::ApiError for Broken {
    fn catalog() -> &'static Catalog {
        const ENTRIES: &[CatalogEntry] = &[CatalogEntry::new("Broken", StatusCode::NOT_FOUND)];
        const CATALOG: &Catalog = &Catalog::new("Broken", Problem::DYN).with_entries(ENTRIES);
        CATALOG
    }

    fn status(&self) -> errwire::http::StatusCode {
        errwire::http::StatusCode::from_u16(self.status).unwrap()
    }

    fn code(&self) -> Option<Code> {
        None
    }

    fn fmt_message(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("written")
    }

    // The derive's cache, hidden: a hand-written impl that writes it anyway is checked.
    fn __static_message(&self) -> Option<&'static str> {
        Some(self.fixed)
    }
}

#[test]
fn assert_impl_catches_what_the_compiler_cannot() {
    errwire::assert_impl(&Broken {
        status: 404,
        fixed: "written",
    });
    assert!(
        assert_impl_panic(&Broken {
            status: 404,
            fixed: "fixed"
        })
        .contains("__static_message disagrees with fmt_message")
    );
    assert!(
        assert_impl_panic(&Broken {
            status: 410,
            fixed: "written"
        })
        .contains("(410 Gone, None) are those of no entry of the catalog of \"Broken\"")
    );
    assert!(
        assert_impl_panic(&Broken {
            status: 302,
            fixed: "written"
        })
        .contains("not an error status")
    );
    assert_impl_on_every_variant();
}

/// The derive keeps the rules `assert_impl` checks.
fn assert_impl_on_every_variant() {
    #[derive(Debug, errwire::ApiError)]
    enum Room {
        #[api(status = 404, message = "Room {0} not found")]
        Missing(u32),
        #[api(status = 410, message = "Room closed; use {{id}} templates")]
        Closed,
        #[api(status = 503)]
        Down,
    }
    errwire::assert_impl(&Booking::Taken("a1".into()));
    for room in [Room::Missing(7), Room::Closed, Room::Down] {
        errwire::assert_impl(&room);
    }
}
