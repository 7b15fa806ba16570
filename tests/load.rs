//! A bounded load and fault test against the real axum app: 5,000 requests at concurrency 32,
//! mixing every kind of error, framework rejections, a handler's own body, stalled bodies and
//! oversized ones. Every request gets an answer, with the right status and a body in its
//! envelope; no 5xx body carries internal text; the process's memory stays bounded. The test
//! stops by itself: it fails if the whole run takes more than 30 s.

// Only the app and the route constants of the shared support are used here.
#[allow(dead_code)]
#[path = "it/support/mod.rs"]
mod support;

use support::axum_app;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

const REQUESTS: usize = 5_000;
const CONCURRENCY: usize = 32;
const LIMIT: Duration = Duration::from_secs(30);
/// How much the resident memory may grow between the warm-up and the end of the run.
const MAX_GROWTH_KIB: u64 = 64 * 1024;
/// Text that must never reach a 5xx body: the database error's source.
const INTERNAL: &[&str] = &["hunter2", "db.internal", "password"];

/// One kind of request and what its answer must be.
struct Case {
    method: &'static str,
    path: &'static str,
    body: Body,
    status: u16,
    /// The body's `error` member; `None` for a body errwire did not build.
    code: Option<&'static str>,
}

#[derive(Clone, Copy)]
enum Body {
    None,
    Json(&'static str),
    /// A JSON body larger than the app takes.
    Oversized,
}

const CASES: &[Case] = &[
    Case {
        method: "GET",
        path: "/rooms/math-101",
        body: Body::None,
        status: 404,
        code: Some("not_found"),
    },
    Case {
        method: "GET",
        path: "/rooms/busy",
        body: Body::None,
        status: 429,
        code: Some("rate_limit_exceeded"),
    },
    Case {
        method: "GET",
        path: "/rooms/invalid",
        body: Body::None,
        status: 422,
        code: Some("validation_error"),
    },
    Case {
        method: "GET",
        path: "/rooms/broken",
        body: Body::None,
        status: 500,
        code: Some("server_error"),
    },
    Case {
        method: "POST",
        path: "/rooms",
        body: Body::Json(r#"{"name": "#),
        status: 400,
        code: Some("bad_request"),
    },
    Case {
        method: "POST",
        path: "/rooms",
        body: Body::Json(r#"{"name": 7}"#),
        status: 422,
        code: Some("unprocessable_entity"),
    },
    Case {
        method: "POST",
        path: "/rooms",
        body: Body::Oversized,
        status: 413,
        code: Some("payload_too_large"),
    },
    Case {
        method: "GET",
        path: "/count/many",
        body: Body::None,
        status: 400,
        code: Some("bad_request"),
    },
    Case {
        method: "GET",
        path: "/nowhere",
        body: Body::None,
        status: 404,
        code: Some("not_found"),
    },
    Case {
        method: "DELETE",
        path: "/rooms/math-101",
        body: Body::None,
        status: 405,
        code: Some("method_not_allowed"),
    },
    Case {
        method: "GET",
        path: "/login",
        body: Body::None,
        status: 401,
        code: Some("unauthorized"),
    },
    Case {
        method: "GET",
        path: "/limited",
        body: Body::None,
        status: 429,
        code: Some("too_many_requests"),
    },
    Case {
        method: "GET",
        path: "/legacy",
        body: Body::None,
        status: 409,
        code: None,
    },
    Case {
        method: "GET",
        path: "/stall-5xx",
        body: Body::None,
        status: 502,
        code: Some("internal_error"),
    },
    Case {
        method: "POST",
        path: "/rooms",
        body: Body::Json(r#"{"name": "ok"}"#),
        status: 201,
        code: None,
    },
];

/// Every 250th request stalls in a 4xx body, which the middleware waits for up to its bound.
const STALL: Case = Case {
    method: "GET",
    path: "/stall",
    body: Body::None,
    status: 400,
    code: Some("bad_request"),
};

fn case(index: usize) -> &'static Case {
    if index % 250 == 249 {
        &STALL
    } else {
        &CASES[index % CASES.len()]
    }
}

/// The resident memory of this process (the server runs in it), in KiB.
fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux's /proc");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmRSS line")
}

/// Sends request `index` and checks its answer; the failure, if any.
async fn check(client: &reqwest::Client, base: &str, index: usize) -> Result<(), String> {
    let case = case(index);
    let method = reqwest::Method::from_bytes(case.method.as_bytes()).unwrap();
    let mut request = client.request(method, format!("{base}{}", case.path));
    request = match case.body {
        Body::None => request,
        Body::Json(json) => request
            .header("content-type", "application/json")
            .body(json),
        Body::Oversized => {
            let name = "x".repeat(axum_app::BODY_LIMIT + 1);
            request
                .header("content-type", "application/json")
                .body(format!(r#"{{"name": "{name}"}}"#))
        }
    };
    let what = format!("#{index} {} {}", case.method, case.path);
    let response = request
        .send()
        .await
        .map_err(|error| format!("{what}: no answer: {error}"))?;
    let status = response.status().as_u16();
    let text = response
        .text()
        .await
        .map_err(|error| format!("{what}: body: {error}"))?;
    if status != case.status {
        return Err(format!(
            "{what}: status {status}, not {}: {text}",
            case.status
        ));
    }
    if status >= 500
        && let Some(leak) = INTERNAL.iter().find(|secret| text.contains(*secret))
    {
        return Err(format!("{what}: a 5xx body carries {leak:?}: {text}"));
    }
    if let Some(code) = case.code {
        let body: Value =
            serde_json::from_str(&text).map_err(|_| format!("{what}: not JSON: {text:?}"))?;
        if body["error"] != code || !body["message"].is_string() {
            return Err(format!("{what}: not the {code} envelope: {text}"));
        }
    } else if case.path == "/legacy" && text != support::routes::LEGACY_BODY {
        return Err(format!("{what}: the handler's body changed: {text}"));
    }
    Ok(())
}

/// Sends `count` requests from `first` on, `CONCURRENCY` at a time; the failures.
async fn run(base: &str, first: usize, count: usize) -> Vec<String> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let next = Arc::new(AtomicUsize::new(first));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..CONCURRENCY {
        let (client, base, next) = (client.clone(), base.to_owned(), Arc::clone(&next));
        workers.spawn(async move {
            let mut failures = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= first + count {
                    return failures;
                }
                if let Err(failure) = check(&client, &base, index).await {
                    failures.push(failure);
                }
            }
        });
    }
    let mut failures = Vec::new();
    while let Some(worker) = workers.join_next().await {
        failures.extend(worker.expect("a worker does not panic"));
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_under_load_gets_its_error() {
    let started = Instant::now();
    let base = axum_app::start().await;
    let outcome = tokio::time::timeout(LIMIT, async {
        let warm_up = REQUESTS / 10;
        let mut failures = run(&base, 0, warm_up).await;
        let before = resident_kib();
        failures.extend(run(&base, warm_up, REQUESTS - warm_up).await);
        (failures, before, resident_kib())
    })
    .await;
    let (failures, before, after) =
        outcome.unwrap_or_else(|_| panic!("{REQUESTS} requests took more than {LIMIT:?}"));
    assert!(
        failures.is_empty(),
        "{} of {REQUESTS} requests failed; the first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let growth = after.saturating_sub(before);
    assert!(
        growth < MAX_GROWTH_KIB,
        "resident memory grew by {growth} KiB under load ({before} -> {after} KiB)"
    );
    eprintln!(
        "{REQUESTS} requests at concurrency {CONCURRENCY} in {:?}; resident memory {before} -> {after} KiB",
        started.elapsed()
    );
}
