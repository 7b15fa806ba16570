//! The error documentation page of each seed API: checked in beside the examples
//! (`examples/pages/NAME.{md,html,json}`), kept fresh, sound HTML, and showing every status,
//! code and message the seed's own documentation lists.

use crate::apis;

use apis::{gateway, verilock, verriflo, verto};
use errwire::ApiError;
use errwire::docs::Page;

/// `(status, code, message)` as a seed's documentation gives them.
type Documented = &'static [(u16, Option<&'static str>, &'static str)];

#[track_caller]
fn assert_page<E: ApiError>(name: &str, title: &str, documented: Documented) {
    let page = Page::new(title).error_type::<E>();
    let markdown = page.markdown();
    errwire::docs::assert_fresh(format!("examples/pages/{name}.md"), &markdown);
    errwire::docs::assert_fresh(format!("examples/pages/{name}.html"), &page.html());
    errwire::docs::assert_fresh(format!("examples/pages/{name}.json"), &page.json());
    let document = scraper::Html::parse_document(&page.html());
    assert!(document.errors.is_empty(), "{name}: {:?}", document.errors);
    for (status, code, message) in documented {
        let reason = errwire::http::StatusCode::from_u16(*status)
            .unwrap()
            .canonical_reason()
            .unwrap();
        assert!(
            markdown.contains(&format!("| {status} {reason} |")),
            "{name}: no {status} on the page"
        );
        if let Some(code) = code {
            assert!(
                markdown.contains(&format!("`{code}`")),
                "{name}: no code {code}"
            );
        }
        assert!(markdown.contains(message), "{name}: no message {message:?}");
    }
}

#[test]
fn verriflo() {
    assert_page::<verriflo::VerrifloError>(
        "verriflo",
        verriflo::TITLE,
        &[
            (400, None, "Validation failed: participant.uid is required"),
            (
                402,
                None,
                "Insufficient credits. Minimum 100 required to start a class.",
            ),
            (404, None, "Organization not found"),
            (404, None, "Classroom not found"),
            (409, None, "Recording is still being processed"),
            (410, None, "This classroom has ended and cannot be rejoined"),
            (410, None, "Recording download window has expired (6 hours)"),
            (
                422,
                Some("ORG_SETUP_INCOMPLETE"),
                "Organization setup incomplete. Please configure organization name and logo.",
            ),
            (
                422,
                Some("NO_VERIFIED_DOMAIN"),
                "Organization must have at least one verified domain.",
            ),
            (500, None, "An unexpected error occurred"),
        ],
    );
}

#[test]
fn verilock() {
    assert_page::<verilock::VerilockError>(
        "verilock",
        verilock::TITLE,
        &[
            (422, Some("validation_error"), "The given data was invalid."),
            (422, None, "The redirect url must be a valid URL."),
            (
                401,
                Some("authentication_error"),
                "API key is missing, invalid, or revoked.",
            ),
            (
                404,
                Some("not_found"),
                "does not exist or has been deleted.",
            ),
            (
                429,
                Some("rate_limit_exceeded"),
                "Too many requests. Please retry after 30 seconds.",
            ),
            (500, Some("server_error"), "An internal error occurred."),
            (503, Some("server_error"), "temporarily unavailable"),
        ],
    );
}

#[test]
fn gateway() {
    assert_page::<gateway::GatewayError>(
        "gateway",
        gateway::TITLE,
        &[
            (400, None, "Missing X-App-ID header"),
            (400, None, "Invalid X-App-ID format"),
            (400, None, "Invalid request body"),
            (400, None, "Invalid command"),
            (400, None, "urls is required"),
            (400, None, "Invalid command_uid format"),
            (401, None, "Missing API key"),
            (401, None, "Invalid API key"),
            (401, None, "Missing X-Admin-API-Key header"),
            (401, None, "Invalid admin API key"),
            (403, None, "Session belongs to a different application"),
            (403, None, "Room belongs to a different application"),
            (404, None, "Session not found"),
            (404, None, "Room not found"),
            (409, None, "Conference name already taken"),
            (
                409,
                None,
                "Session is already in a different conference room",
            ),
            (409, None, "Session is already muted"),
            (409, None, "Session is already unmuted"),
            (413, None, "Request body too large"),
            (415, None, "Content-Type must be application/json"),
            (429, None, "Rate limit exceeded"),
            (429, None, "Command rate limited"),
            (500, None, "Internal error validating API key"),
            (500, None, "Internal server error"),
            (503, None, "Admin API not configured"),
            (503, None, "Recording not available"),
        ],
    );
}

#[test]
fn verto() {
    assert_page::<verto::VertoError>(
        "verto",
        verto::TITLE,
        &[
            (400, Some("1"), "Placeholder"),
            (400, Some("2"), "Placeholder"),
            (
                401,
                None,
                "The client needs to authenticate or provide valid credentials.",
            ),
            (
                403,
                None,
                "The user doesn’t have permission to perform the request.",
            ),
            (
                404,
                None,
                "The requested resource does not exist on the server.",
            ),
            (409, None, "conflicts with the current state of the server."),
            (
                429,
                None,
                "The client has sent too many requests in a given amount of time.",
            ),
            (500, None, "A generic error occurred on the server"),
            (
                503,
                None,
                "The server is temporarily unable to handle requests",
            ),
            (
                504,
                None,
                "The server is waiting too long to respond from another server",
            ),
        ],
    );
}
