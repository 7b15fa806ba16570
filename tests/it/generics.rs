use std::fmt::Display;

use errwire::ApiError;
use serde::Serialize;

#[derive(Debug, ApiError)]
enum Lookup<'a, K, V: Clone> {
    #[api(status = 404, code = "missing", message = "No entry for {key}")]
    Missing {
        #[api(detail)]
        key: K,
    },
    #[api(status = 409, code = "conflict", message = "Entry {0} exists")]
    Conflict(&'a str, #[api(detail = "existing")] V),
}

fn respond<'a, K: Display + Serialize, V: Clone + Serialize>(
    error: Lookup<'a, K, V>,
) -> serde_json::Value {
    serde_json::from_slice(error.to_response().body()).unwrap()
}

#[test]
fn bounds_follow_the_fields_that_need_them() {
    let missing: Lookup<'_, u32, ()> = Lookup::Missing { key: 7 };
    assert_eq!(missing.message().to_string(), "No entry for 7");
    assert_eq!(respond(missing)["key"], 7);
    let conflict: Lookup<'_, String, Vec<u8>> = Lookup::Conflict("room", vec![1, 2]);
    assert_eq!(conflict.status().as_u16(), 409);
    assert_eq!(respond(conflict)["existing"], serde_json::json!([1, 2]));
}

/// `NoDisplay` is neither `Display` nor `Serialize`: a type parameter that no message or detail
/// uses needs no bound.
#[derive(Debug)]
struct NoDisplay;

#[derive(Debug, ApiError)]
#[api(status = 400, message = "bad input")]
struct Wrapper<T> {
    _input: T,
}

#[test]
fn unused_type_parameters_get_no_bounds() {
    let error = Wrapper { _input: NoDisplay };
    assert_eq!(error.message().to_string(), "bad input");
}

/// A `header` field whose type is a type parameter is bound by `ToHeaderValue`, so a `Duration`
/// is delay-seconds and a `String` is sent as it is.
#[derive(Debug, ApiError)]
#[api(status = 503, message = "Down for maintenance")]
struct Maintenance<D> {
    #[api(header = "Retry-After")]
    retry_after: D,
}

#[test]
fn a_generic_header_field_takes_any_to_header_value() {
    let seconds = Maintenance {
        retry_after: std::time::Duration::from_millis(90_500),
    };
    assert_eq!(seconds.to_response().headers()["retry-after"], "91");
    let date = Maintenance {
        retry_after: String::from("Sun, 06 Nov 1994 08:49:37 GMT"),
    };
    assert_eq!(
        date.to_response().headers()["retry-after"],
        "Sun, 06 Nov 1994 08:49:37 GMT"
    );
}

/// A generic error whose `Error` impl needs a bound on its parameter.
#[derive(Debug, ApiError)]
#[api(status = 500)]
struct Unbounded<T>(T);

impl<T: std::fmt::Debug> std::fmt::Display for Unbounded<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "failed on {:?}", self.0)
    }
}

impl<T: std::fmt::Debug> std::error::Error for Unbounded<T> {}

/// The same, with the `Error` impl's bound on the type's parameter.
#[derive(Debug, ApiError)]
#[api(status = 500)]
struct Bounded<T: std::fmt::Debug + 'static>(T);

impl<T: std::fmt::Debug + 'static> std::fmt::Display for Bounded<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "failed on {:?}", self.0)
    }
}

impl<T: std::fmt::Debug + 'static> std::error::Error for Bounded<T> {}

#[test]
fn a_generic_error_is_logged_as_an_error_when_its_parameters_bounds_make_it_one() {
    // The derive sees only the bounds declared on the type's parameters: with them, the error
    // and its source chain reach the log; without them, `as_error` is `None`.
    let bounded = Bounded("disk");
    let logged = bounded.as_error().map(ToString::to_string);
    assert_eq!(logged.as_deref(), Some("failed on \"disk\""));
    assert!(Unbounded("disk").as_error().is_none());
}
