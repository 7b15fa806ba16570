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
fn a_stale_page_fails_with_a_diff() {
    let path = std::env::temp_dir().join(format!("errwire-page-{}.md", std::process::id()));
    let rendered = page().markdown();
    std::fs::write(&path, rendered.replace("Retry in {wait} s", "Retry later")).unwrap();

    let stale = std::panic::catch_unwind(|| errwire::docs::assert_fresh(&path, &rendered))
        .expect_err("a stale page fails");
    let message = stale.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("-| [`busy`](#busy)"), "{message}");
    assert!(message.contains("+| [`busy`](#busy)"), "{message}");
    assert!(message.contains("ERRWIRE=overwrite"), "{message}");
    let _ = std::fs::remove_file(path);
}

/// With `ERRWIRE=overwrite`, a stale page is replaced whole, by a rename (a hard link to the old
/// file keeps the old text), and what errwire did not write is refused. The variable is read
/// from the environment, so the test runs in a child process that has it.
#[test]
fn overwrite_replaces_a_page_whole_and_only_one_errwire_wrote() {
    if !crate::support::in_child_with_overwrite(
        "docs::overwrite_replaces_a_page_whole_and_only_one_errwire_wrote",
    ) {
        return;
    }
    let path = std::env::temp_dir().join(format!("errwire-page-{}.md", std::process::id()));
    let rendered = page().markdown();
    std::fs::write(&path, rendered.replace("Retry in {wait} s", "Retry later")).unwrap();
    let link = path.with_extension("old.md");
    let _ = std::fs::remove_file(&link);
    std::fs::hard_link(&path, &link).unwrap();
    errwire::docs::assert_fresh(&path, &rendered);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), rendered);
    assert_ne!(std::fs::read_to_string(&link).unwrap(), rendered);
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(link);
    for (what, message) in refusals_to_overwrite(&rendered) {
        assert!(message.is_empty(), "{what}: {message}");
    }
}

/// What `ERRWIRE=overwrite` refuses to replace, each checked to be left as it was: a file
/// errwire did not write, a symbolic link, a directory. Empty strings where all is well.
fn refusals_to_overwrite(rendered: &str) -> Vec<(&'static str, String)> {
    let folder = std::env::temp_dir().join(format!("errwire-refusals-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("docs")).unwrap();
    let notes = folder.join("docs/notes.md");
    std::fs::write(&notes, "# Notes written by hand\n").unwrap();
    let outside = folder.join("outside.md");
    std::fs::write(&outside, "not errwire's\n").unwrap();
    let link = folder.join("docs/errors.md");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let dir = folder.join("docs/errors-dir.md");
    std::fs::create_dir(&dir).unwrap();

    let mut found = Vec::new();
    let mut refuse = |what, path: &std::path::Path, expected: &str| {
        let message = std::panic::catch_unwind(|| errwire::docs::assert_fresh(path, rendered))
            .err()
            .and_then(|panic| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let ok = message.contains(expected) && message.contains(&path.display().to_string());
        found.push((
            what,
            if ok {
                String::new()
            } else {
                format!("got {message:?}")
            },
        ));
    };
    refuse("a hand-written page", &notes, "was not written by errwire");
    refuse("a symbolic link", &link, "is a symbolic link");
    refuse("a directory", &dir, "is not a file");
    found.push((
        "the hand-written page",
        unchanged(&notes, "# Notes written by hand\n"),
    ));
    found.push(("the link's target", unchanged(&outside, "not errwire's\n")));
    let _ = std::fs::remove_dir_all(&folder);
    found
}

fn unchanged(path: &std::path::Path, text: &str) -> String {
    match std::fs::read_to_string(path) {
        Ok(now) if now == text => String::new(),
        now => format!("{} is now {now:?}", path.display()),
    }
}

#[test]
fn a_page_that_cannot_be_read_is_reported_as_it_is() {
    let folder = std::env::temp_dir().join(format!("errwire-unreadable-{}", std::process::id()));
    std::fs::create_dir_all(folder.join("page.md")).unwrap();
    std::fs::write(folder.join("latin1.md"), b"caf\xe9\n").unwrap();
    let rendered = page().markdown();
    for (name, expected) in [("page.md", "cannot read"), ("latin1.md", "is not UTF-8")] {
        let path = folder.join(name);
        let panic = std::panic::catch_unwind(|| errwire::docs::assert_fresh(&path, &rendered))
            .expect_err("an unreadable page fails");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.contains(expected), "{message}");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(!message.contains("does not exist"), "{message}");
    }
    let _ = std::fs::remove_dir_all(folder);
}

/// A type whose every text is hostile: script URLs in each form Markdown has, raw HTML, and
/// Markdown's own syntax in the plain texts.
///
/// Read [the guide](javascript:alert(1)), ![x](JaVaScRiPt:alert(2)), <javascript:alert(3)>,
/// [by reference][evil], [encoded](&#106;avascript:alert(4)), [tab](java&#9;script:alert(5)),
/// [vb](vbscript:msgbox(6)), [data](data:text/html,alert), [![img](javascript:alert(7))](#x),
/// and [the real guide](https://example.com/guide).
/// <img src=x onerror=alert(8)>
///
/// [evil]: javascript:alert(9)
#[allow(dead_code)] // documented, never built
#[derive(Debug, errwire::ApiError)]
#[api(envelope = errwire::Flat)]
enum HostileError {
    /// <b onmouseover=alert(10)>bold</b> and <script>alert(11)</script>
    #[deprecated(note = "<img src=x onerror=alert(12)> and a ` backtick")]
    #[api(
        status = 400,
        code = "hostile",
        title = "A `title` <img src=x onerror=alert(13)>",
        message = "Use ` or <img src=x onerror=alert(14)> | {name} ``"
    )]
    Hostile {
        /// <img src=x onerror=alert(15)> | *emphasis*
        #[api(detail)]
        name: String,
    },
}

/// What a reader's browser would make active in `html`: elements other than the page's own,
/// event-handler attributes, and links or images to a URL that is not http(s), mailto or local.
fn active_parts(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_fragment(html);
    let mut found = Vec::new();
    for element in document
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let element = element.value();
        if matches!(element.name(), "script" | "img" | "b" | "iframe" | "object") {
            found.push(format!("<{}>", element.name()));
        }
        for (name, value) in element.attrs() {
            let url = matches!(name, "href" | "src")
                && !["https://", "http://", "mailto:", "#"]
                    .iter()
                    .any(|safe| value.starts_with(safe));
            if name.starts_with("on") || url {
                found.push(format!("<{} {name}={value:?}>", element.name()));
            }
        }
    }
    found
}

#[test]
fn no_text_of_the_user_becomes_active_markup_on_either_page() {
    let page = Page::new("Errors <img src=x onerror=alert(0)>")
        .intro("Start [here](javascript:alert(16)) or <img src=x onerror=alert(17)>.")
        .error_type::<HostileError>();

    let html = page.html();
    assert_eq!(active_parts(&html), Vec::<String>::new(), "{html}");
    assert!(
        html.contains(r#"<a href="https://example.com/guide">"#),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#x">"##),
        "a safe link keeps its image's text"
    );

    // The Markdown page through a CommonMark renderer that passes raw HTML through, as most
    // documentation sites do, with GitHub's tables.
    let markdown = page.markdown();
    let options =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(
        &mut rendered,
        pulldown_cmark::Parser::new_ext(&markdown, options),
    );
    // The page's own raw HTML: the marker comment and the entries' anchors.
    assert_eq!(
        active_parts(&rendered),
        Vec::<String>::new(),
        "{markdown}\n{rendered}"
    );
    assert!(
        rendered.contains(r#"<a href="https://example.com/guide">"#),
        "{rendered}"
    );
    let text: String = scraper::Html::parse_fragment(&rendered)
        .root_element()
        .text()
        .collect();
    for shown in [
        "alert(0)",
        "javascript:alert(1)",
        "alert(3)",
        "alert(8)",
        "alert(13)",
        "Use ` or <img src=x onerror=alert(14)> | {name} ``",
        "<img src=x onerror=alert(12)> and a ` backtick",
        "<img src=x onerror=alert(15)> | *emphasis*",
        "alert(16)",
    ] {
        assert!(
            text.contains(shown),
            "{shown:?} is shown as text:\n{markdown}\n{text}"
        );
    }
}

#[test]
fn an_uncoded_error_shows_no_code_and_a_template_no_format_spec() {
    #[allow(dead_code)] // documented, never built
    #[derive(Debug, errwire::ApiError)]
    #[api(envelope = errwire::Flat)]
    enum ClassError {
        #[api(status = 409, message = "A classroom named {name:?} already exists")]
        NameTaken { name: String },
    }
    let page = Page::new("Errors").error_type::<ClassError>();
    let markdown = page.markdown();
    assert!(
        markdown.contains(
            "|  | [409 Conflict](#nametaken) |  | A classroom named {name} already exists |"
        ),
        "{markdown}"
    );
    assert!(!markdown.contains("`NameTaken`](#"), "{markdown}");
    assert!(markdown.contains("<a id=\"nametaken\"></a>"), "{markdown}");
    let html = page.html();
    assert!(
        html.contains(r##"<td></td><td><a href="#nametaken">"##),
        "{html}"
    );
    assert!(
        html.contains(r#"<section class="error" id="nametaken">"#),
        "{html}"
    );
    assert!(!html.contains("name:?"), "{html}");
    let json: Value = serde_json::from_str(&page.json()).unwrap();
    assert_eq!(
        json["types"][0]["errors"][0]["message"],
        "A classroom named {name} already exists"
    );
    let example = json["types"][0]["errors"][0]["example"]["message"].clone();
    assert_eq!(
        example, r#"A classroom named "string" already exists"#,
        "the body keeps Debug"
    );
}

#[test]
fn no_example_shows_a_details_object_that_is_not_one() {
    /// Serializes as a JSON array, which no envelope can hold as its details.
    #[derive(Debug, serde::Serialize)]
    struct Tags(Vec<String>);

    #[allow(dead_code)] // documented, never built
    #[derive(Debug, errwire::ApiError)]
    enum TagError {
        #[api(status = 422, code = "bad_tags")]
        BadTags(#[api(details, example = r#"["a", "b"]"#)] Tags),
        /// A type the derive cannot see into, without an example: `null`, no details.
        #[api(status = 409, code = "none")]
        Nothing(#[api(details)] Meta),
    }

    #[derive(Debug, serde::Serialize)]
    struct Meta {
        at: u8,
    }
    let page = Page::new("Errors").error_type::<TagError>();
    for text in [page.json(), page.markdown(), page.html()] {
        assert!(!text.contains("serde_json"), "{text}");
        assert!(!text.contains("RawValue"), "{text}");
    }
    let json: Value = serde_json::from_str(&page.json()).unwrap();
    assert_eq!(json["types"][0]["errors"][0]["example"], Value::Null);
    assert_eq!(
        json["types"][0]["errors"][1]["example"]["code"], "none",
        "null details are none"
    );
}
