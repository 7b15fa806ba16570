//! Runs every curl line that `examples/server.rs` prints against the example's own app, over
//! real HTTP, and checks the error each one documents.

#[allow(dead_code)]
use crate::apis::server;

use errwire::client::{Received, ResponseExt, Retry, RetryAfter, Shape};
use serde_json::Value;
use server::ClassError;

async fn start() -> String {
    let recordings = std::env::temp_dir().join(format!(
        "errwire-test-recordings-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&recordings);
    let classes = server::Classes::seeded(recordings).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    // The server task ends with the test's runtime.
    let app = server::app(classes);
    tokio::spawn(async move { server::serve(listener, app, server::HEADER_TIMEOUT).await });
    base
}

/// A client that sends its headers a byte at a time is disconnected at the header timeout,
/// while the server goes on answering others.
#[tokio::test]
async fn a_client_slow_to_send_its_headers_is_disconnected() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let classes = server::Classes::seeded(
        std::env::temp_dir().join(format!("errwire-test-slow-{}", std::process::id())),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let timeout = std::time::Duration::from_millis(300);
    tokio::spawn(server::serve(listener, server::app(classes), timeout));

    let started = std::time::Instant::now();
    let mut slow = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut closed = false;
    for byte in b"GET /errors.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        .iter()
        .take(40)
    {
        if slow.write_all(&[*byte]).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mut rest = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        slow.read_to_end(&mut rest),
    )
    .await;
    assert!(closed || read.is_ok(), "the server closed the connection");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));

    let fast = reqwest::get(format!("http://{address}/errors.json"))
        .await
        .unwrap();
    assert_eq!(fast.status(), 200);
}

/// Sends what `try_`'s curl line sends; the last answer.
async fn send(base: &str, try_: &server::Try) -> reqwest::Response {
    let client = reqwest::Client::new();
    let mut last = None;
    for _ in 0..try_.times {
        let method = reqwest::Method::from_bytes(try_.method.as_bytes()).unwrap();
        let mut request = client.request(method, format!("{base}{}", try_.path));
        if let Some(body) = try_.body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        if let Some(language) = try_.language {
            request = request.header("accept-language", language);
        }
        last = Some(request.send().await.expect("the server answers"));
    }
    last.expect("every try sends once at least")
}

/// The last answer to `try_`'s curl line: its status, headers and body.
async fn run(base: &str, try_: &server::Try) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = send(base, try_).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    (status, headers, body)
}

#[tokio::test]
async fn every_printed_curl_line_gives_its_error() {
    let base = start().await;
    for try_ in server::TRIES {
        let (status, headers, body) = run(&base, try_).await;
        let what = format!("{} ({}): {body}", try_.error, try_.curl(&base));
        assert_eq!(status, try_.status, "{what}");
        assert_eq!(
            headers["content-type"], "application/problem+json",
            "{what}"
        );
        assert_eq!(body["status"], try_.status, "{what}");
        assert_eq!(body["instance"], try_.path, "{what}");
        let request_id = headers["x-request-id"].to_str().unwrap();
        assert_eq!(body["request_id"], request_id, "{what}");

        match try_.status {
            404 if try_.path.starts_with("/rooms") => {
                assert_eq!(body["code"], "room_not_found", "{what}");
                assert_eq!(body["room_id"], "physics-9", "{what}");
                let (detail, language) = match try_.language {
                    Some("fr") => ("Classe introuvable", "fr"),
                    _ => ("Classroom not found", "en"),
                };
                assert_eq!(body["detail"], detail, "{what}");
                assert_eq!(headers["content-language"], language, "{what}");
            }
            410 => assert_eq!(body["code"], "room_ended", "{what}"),
            409 => {
                assert_eq!(
                    body["detail"],
                    "A classroom named \"Math 101\" already exists"
                );
                assert_eq!(body["room_id"], "math-101");
            }
            429 => {
                let retry_after: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
                assert!((1..=10).contains(&retry_after), "{what}");
                assert_eq!(body["retry_after"], retry_after, "{what}");
            }
            422 => assert_eq!(body["errors"], Value::Null, "{what}"),
            500 => {
                assert_eq!(body["detail"], "An unexpected error occurred", "{what}");
                let text = body.to_string();
                assert!(
                    !text.contains("art-3.txt") && !text.contains("No such file"),
                    "{what}"
                );
            }
            400 if try_.path.contains("%2F") => {
                assert_eq!(body["code"], "invalid_room_id", "{what}");
                assert_eq!(body["room_id"], "../../etc/passwd", "{what}");
            }
            400 => assert_eq!(body["code"], "bad_request", "{what}"),
            404 => assert_eq!(body["code"], "not_found", "{what}"),
            other => panic!("no check for {other}"),
        }
    }
}

/// What `try_`'s curl line gets, read back by a client of the classroom API.
async fn receive(base: &str, try_: &server::Try) -> Received<ClassError> {
    match send(base, try_)
        .await
        .error_for_status_typed::<ClassError>()
        .await
    {
        Ok(response) => panic!("{}: {} is not an error", try_.error, response.status()),
        Err(received) => received,
    }
}

#[tokio::test]
async fn a_client_reads_every_curl_line_s_error_back() {
    let base = start().await;
    for try_ in server::TRIES {
        let received = receive(&base, try_).await;
        let what = format!("{}: {received:?}", try_.error);
        let (shape, instance) = match &received {
            Received::Known(_, info) => (info.shape(), info.instance()),
            Received::Unknown(response) => (response.shape, response.instance.as_deref()),
        };
        assert_eq!(received.status(), try_.status, "{what}");
        assert_eq!(shape, Shape::Envelope, "{what}");
        assert!(received.message().is_some(), "{what}");
        assert_eq!(instance, Some(try_.path), "{what}");
        assert!(received.request_id().is_some(), "{what}");
        match (try_.error, &received) {
            ("unknown room", Received::Known(ClassError::RoomNotFound(id), _)) => {
                assert_eq!(id, "physics-9");
                assert_eq!(received.language(), Some("en"), "{what}");
            }
            ("unknown room, in French", Received::Known(ClassError::RoomNotFound(id), _)) => {
                assert_eq!(id, "physics-9");
                assert_eq!(received.message(), Some("Classe introuvable"));
                assert_eq!(received.language(), Some("fr"), "{what}");
            }
            ("room ended", Received::Known(ClassError::RoomEnded(id), _)) => {
                assert_eq!(id, "history-7");
            }
            ("rate limited", Received::Known(ClassError::RateLimited { retry_after, .. }, _)) => {
                let delay = std::time::Duration::from_secs(*retry_after);
                assert_eq!(
                    received.retry_after(),
                    Some(RetryAfter::Delay(delay)),
                    "{what}"
                );
                assert_eq!(received.retry(), Retry::Throttle, "{what}");
            }
            ("validation failed", Received::Known(ClassError::Validation(fields), _)) => {
                assert_eq!(fields["name"], ["The name is required."]);
            }
            ("invalid room id", Received::Known(ClassError::InvalidRoomId(id), _)) => {
                assert_eq!(id, "../../etc/passwd");
            }
            // The name shows only in the message, written with `{name:?}`.
            ("name taken", Received::Unknown(response)) => {
                assert_eq!(response.code.as_ref().unwrap().to_string(), "name_taken");
            }
            // Its source is never sent.
            ("internal failure", Received::Unknown(response)) => {
                assert_eq!(
                    response.code.as_ref().unwrap().to_string(),
                    "internal_error"
                );
                assert_eq!(received.retry(), Retry::Transient, "{what}");
            }
            // axum's own errors, which ClassError does not declare, in its envelope.
            (error, Received::Unknown(response)) if error.ends_with("(axum's own)") => {
                assert!(response.code.is_some(), "{what}");
                assert_eq!(received.retry(), Retry::Never, "{what}");
            }
            _ => panic!("not read back as documented: {what}"),
        }
    }
}

#[tokio::test]
async fn the_validation_error_lists_the_field_messages() {
    let base = start().await;
    let try_ = server::TRIES
        .iter()
        .find(|try_| try_.status == 422)
        .unwrap();
    let (_, _, body) = run(&base, try_).await;
    assert_eq!(body["name"], serde_json::json!(["The name is required."]));
}

#[tokio::test]
async fn a_room_runs_its_course() {
    let base = start().await;
    let client = reqwest::Client::new();
    let post = |path: &str, body: &'static str| {
        client
            .post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    assert_eq!(
        post("/rooms", r#"{"name": "Chemistry 2"}"#)
            .await
            .unwrap()
            .status(),
        201
    );
    assert_eq!(
        post("/rooms/chemistry-2/join", r#"{"participant": "ada"}"#)
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        post("/rooms/chemistry-2/end", "").await.unwrap().status(),
        200
    );
    let recording = client
        .get(format!("{base}/rooms/chemistry-2/recording"))
        .send()
        .await
        .unwrap();
    assert_eq!(recording.status(), 200);
    assert_eq!(
        recording.text().await.unwrap(),
        "Chemistry 2, 1 participants"
    );
    let again = post("/rooms/chemistry-2/join", r#"{"participant": "bob"}"#)
        .await
        .unwrap();
    assert_eq!(again.status(), 410);
}

/// A room id that is a path (`../x`, `/tmp/x`, with `%2F` for `/`) reads, writes and truncates
/// nothing outside the recordings folder: it is refused, and a room's name cannot make one.
#[tokio::test]
async fn room_ids_cannot_reach_outside_the_recordings() {
    let recordings = std::env::temp_dir().join(format!(
        "errwire-test-traversal-{}/recordings",
        std::process::id()
    ));
    let outside = recordings.parent().unwrap().join("secret.txt");
    let _ = std::fs::remove_dir_all(&recordings);
    let classes = server::Classes::seeded(recordings.clone()).unwrap();
    std::fs::write(&outside, "secret").unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, server::app(classes)).await.unwrap() });
    let client = reqwest::Client::new();

    for (method, path) in [
        ("GET", "/rooms/..%2Fsecret/recording"),
        ("POST", "/rooms/..%2Fsecret/end"),
        ("POST", "/rooms/..%2Fsecret/join"),
        ("GET", "/rooms/%2Ftmp%2Fsecret/recording"),
        ("GET", "/rooms/..%5Csecret/recording"),
        ("GET", "/rooms/secret.txt/recording"),
        ("GET", "/rooms/%00/recording"),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = client
            .request(method, format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(r#"{"participant": "eve"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{path}");
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(body["code"], "invalid_room_id", "{path}");
    }

    // A name made of a path becomes an id without one.
    let created = client
        .post(format!("{base}/rooms"))
        .header("content-type", "application/json")
        .body(r#"{"name": "../secret"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = serde_json::from_str(&created.text().await.unwrap()).unwrap();
    assert_eq!(created["id"], "secret");
    let ended = client
        .post(format!("{base}/rooms/secret/end"))
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 200);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "secret");
    assert!(recordings.join("secret.txt").exists());

    let dots = client
        .post(format!("{base}/rooms"))
        .header("content-type", "application/json")
        .body(r#"{"name": "../.."}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(dots.status(), 422);
}

/// Checks an HTML page as a browser's parser reads it: no parse error, every `id` once, every
/// `#anchor` link pointing at an `id`.
pub fn assert_sound_html(html: &str) {
    let document = scraper::Html::parse_document(html);
    assert!(
        document.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        document.errors
    );
    let ids: Vec<&str> = document
        .select(&scraper::Selector::parse("[id]").unwrap())
        .filter_map(|element| element.value().id())
        .collect();
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "an id is used twice: {ids:?}");
    let links = scraper::Selector::parse("a[href^='#']").unwrap();
    for link in document.select(&links) {
        let target = &link.value().attr("href").unwrap()[1..];
        assert!(unique.contains(target), "#{target} points at no id");
    }
}

/// The server's error documentation page: served as HTML and JSON, checked in beside the
/// example (`examples/pages/server.*`), kept fresh, and its JSON a lock that the errors must
/// stay compatible with.
#[tokio::test]
async fn the_error_page_is_served_fresh_and_compatible() {
    let base = start().await;
    let page = server::page();
    let html = reqwest::get(format!("{base}/errors")).await.unwrap();
    assert_eq!(html.status(), 200);
    assert!(
        html.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = html.text().await.unwrap();
    assert_eq!(html, page.html());
    assert_sound_html(&html);
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(html.contains(r#"<a href="?lang=fr" hreflang="fr" lang="fr">fr</a>"#));

    // The page in French, which the language switch links.
    let french = reqwest::get(format!("{base}/errors?lang=fr"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(french, page.clone().in_locale("fr").html());
    assert_sound_html(&french);
    assert!(french.contains(r#"<html lang="fr">"#));
    assert!(
        french.contains("<code>Classe introuvable</code>"),
        "the message in French"
    );
    assert!(
        french.contains("<td>Classe introuvable</td>"),
        "the summary in French"
    );
    assert!(french.contains("<dt>Message</dt><dd><code>Classe introuvable</code></dd>"));
    assert!(
        french.contains("&quot;detail&quot;: &quot;Classe introuvable&quot;"),
        "the example body in French"
    );

    let json = reqwest::get(format!("{base}/errors.json")).await.unwrap();
    assert_eq!(json.headers()["content-type"], "application/json");
    let json: Value = serde_json::from_str(&json.text().await.unwrap()).unwrap();
    assert_eq!(json["format"], "errwire-errors");
    assert_eq!(json["types"][0]["errors"][0]["anchor"], "room_not_found");

    let openapi = reqwest::get(format!("{base}/openapi.json")).await.unwrap();
    assert_eq!(openapi.headers()["content-type"], "application/json");
    let openapi: Value = serde_json::from_str(&openapi.text().await.unwrap()).unwrap();
    assert_eq!(openapi, server::openapi());

    errwire::docs::assert_fresh("examples/pages/server.md", &page.markdown());
    errwire::docs::assert_fresh("examples/pages/server.html", &page.html());
    errwire::docs::assert_fresh("examples/pages/server.json", &page.json());
    errwire::compat::assert_compatible("examples/pages/server.json", &page);
    // `NameTaken` writes its name with `{name:?}`, `Recording` keeps an `io::Error` it never sends.
    errwire::docs::assert_typed(&page, &["NameTaken", "Recording"]);
}

/// The RFC 9457 `type` of a problem the server sends is the page's address and the entry's
/// anchor.
#[tokio::test]
async fn a_problem_s_type_opens_its_entry() {
    let base = start().await;
    let try_ = server::TRIES
        .iter()
        .find(|try_| try_.status == 410)
        .unwrap();
    let (_, _, body) = run(&base, try_).await;
    let type_uri = body["type"].as_str().unwrap();
    let (page, anchor) = type_uri.split_once('#').unwrap();
    assert_eq!(page, "/errors", "resolved against the server's own address");
    let served = reqwest::get(format!("{base}{page}")).await.unwrap();
    assert_eq!(served.status(), 200);
    let html = served.text().await.unwrap();
    assert!(html.contains(&format!("id=\"{anchor}\"")), "{type_uri}");
}
