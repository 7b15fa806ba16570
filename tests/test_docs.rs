//! The documentation page: what each entry shows, what a 5xx example hides, how a forwarded
//! error is listed, what the HTML escapes, and the freshness gate.

use errwire::docs::Page;
use serde_json::Value;

/// Errors of the authentication layer, forwarded by `ServiceError`.
#[allow(dead_code)] // documented, never built
#[derive(Debug, errwire::ApiError)]
#[api(envelope = errwire::Flat, rename_all = "snake_case")]
enum AuthError {
    /// The key is missing. <script>alert(1)</script>
    ///
    /// # Solutions
    /// Send `X-API-Key`.
    #[api(status = 401)]
    MissingKey,
}

/// The service's errors.
#[allow(dead_code)] // documented, never built
#[derive(Debug, thiserror::Error, errwire::ApiError)]
#[api(
    rename_all = "snake_case",
    type_base = "https://docs.example.com/errors#"
)]
enum ServiceError {
    #[error("auth")]
    #[api(transparent)]
    Auth(AuthError),

    #[error("store failed: {0}")]
    #[api(
        status = 503,
        message = "The store is unavailable",
        retry = "transient"
    )]
    Store(#[source] std::io::Error),

    #[error("busy")]
    #[deprecated(note = "use store_unavailable")]
    #[api(status = 429, message = "Retry in {wait} s")]
    Busy {
        /// Seconds to wait.
        #[api(detail, header = "Retry-After", example = 12)]
        wait: u64,
    },
}

fn page() -> Page {
    Page::new("Service errors")
        .intro("All of them.")
        .error_type::<ServiceError>()
}

fn errors() -> Vec<Value> {
    let json: Value = serde_json::from_str(&page().json()).unwrap();
    assert_eq!(json["format"], "errwire-errors");
    assert_eq!(json["version"], 1);
    json["types"][0]["errors"].as_array().unwrap().clone()
}

#[test]
fn a_forwarded_error_is_listed_in_the_outer_type_s_envelope() {
    let errors = errors();
    assert_eq!(errors[0]["code"], "missing_key");
    assert_eq!(errors[0]["forwarded_by"], "Auth");
    let example: Value = serde_json::from_str(&errors[0]["example"].to_string()).unwrap();
    assert_eq!(
        example["type"], "about:blank",
        "a problem body, not AuthError's Flat"
    );
    assert_eq!(example["status"], 401);
}

#[test]
fn a_5xx_example_shows_only_the_public_message() {
    let store = &errors()[1];
    assert_eq!(
        store["retry"], "transient",
        "declared, where a 503 is `throttle`"
    );
    let example = store["example"].to_string();
    assert!(example.contains("The store is unavailable"), "{example}");
    assert!(!example.contains("store failed"), "{example}");
    assert_eq!(store["details"], Value::Array(Vec::new()));
}

#[test]
fn an_entry_shows_its_template_example_headers_retry_and_deprecation() {
    let busy = &errors()[2];
    assert_eq!(busy["message"], "Retry in {wait} s");
    assert_eq!(busy["deprecated"], "use store_unavailable");
    assert_eq!(busy["retry"], "throttle", "a 429's class");
    assert_eq!(busy["type_uri"], "https://docs.example.com/errors#busy");
    assert_eq!(busy["headers"][0]["value"], "delay-seconds");
    assert_eq!(busy["details"][0]["description"], "Seconds to wait.");
    let example: Value = serde_json::from_str(&busy["example"].to_string()).unwrap();
    assert_eq!(example["detail"], "Retry in 12 s");
    assert_eq!(example["wait"], 12);

    let markdown = page().markdown();
    assert!(
        markdown.contains("| Deprecated | use store_unavailable |"),
        "{markdown}"
    );
    assert!(markdown.contains("#### Solutions"), "{markdown}");
    assert!(
        markdown.contains("| Retry | `throttle`: retry after the delay `Retry-After` gives. |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| Retry | `transient`: retry with exponential backoff and jitter, if the request is idempotent. |"),
        "{markdown}"
    );
    assert!(markdown.contains("All of them."), "{markdown}");
}

#[test]
fn the_html_escapes_what_a_description_holds() {
    let html = page().html();
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(html.contains("<h4>Solutions</h4>"), "{html}");
    assert!(!html.contains("<script"), "no script at all");
}

#[test]
fn the_freshness_gate_shows_a_diff_and_rewrites_on_request() {
    let path = std::env::temp_dir().join(format!("errwire-page-{}.md", std::process::id()));
    let rendered = page().markdown();
    std::fs::write(&path, rendered.replace("Retry in {wait} s", "Retry later")).unwrap();

    let stale = std::panic::catch_unwind(|| errwire::docs::assert_fresh(&path, &rendered))
        .expect_err("a stale page fails");
    let message = stale.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("-| [`busy`](#busy)"), "{message}");
    assert!(message.contains("+| [`busy`](#busy)"), "{message}");
    assert!(message.contains("ERRWIRE=overwrite"), "{message}");

    // Only this test of this binary sets the variable.
    unsafe { std::env::set_var("ERRWIRE", "overwrite") };
    errwire::docs::assert_fresh(&path, &rendered);
    unsafe { std::env::remove_var("ERRWIRE") };
    assert_eq!(std::fs::read_to_string(&path).unwrap(), rendered);
    errwire::docs::assert_fresh(&path, &rendered);
    let _ = std::fs::remove_file(path);
}
