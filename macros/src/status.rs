//! Status codes: the `StatusCode` constant names and reason phrases of the `http` crate, and the
//! rule that an error's status is a 4xx or a 5xx.

use proc_macro2::{Span, TokenTree};
use syn::parse::ParseStream;
use syn::{Ident, LitInt, Path, PathArguments, Token};

/// A checked error status, and the constant's path as the user wrote it, which the generated
/// code names in turn (so that the user's `use http::StatusCode;` is used).
#[derive(Clone)]
pub struct Status {
    pub number: u16,
    pub path: Option<Path>,
}

impl Status {
    pub fn is_server_error(&self) -> bool {
        self.number >= 500
    }
}

/// `(code, constant name, reason phrase)` as the `http` crate names them.
const STATUSES: &[(u16, &str, &str)] = &[
    (100, "CONTINUE", "Continue"),
    (101, "SWITCHING_PROTOCOLS", "Switching Protocols"),
    (102, "PROCESSING", "Processing"),
    (103, "EARLY_HINTS", "Early Hints"),
    (200, "OK", "OK"),
    (201, "CREATED", "Created"),
    (202, "ACCEPTED", "Accepted"),
    (
        203,
        "NON_AUTHORITATIVE_INFORMATION",
        "Non Authoritative Information",
    ),
    (204, "NO_CONTENT", "No Content"),
    (205, "RESET_CONTENT", "Reset Content"),
    (206, "PARTIAL_CONTENT", "Partial Content"),
    (207, "MULTI_STATUS", "Multi-Status"),
    (208, "ALREADY_REPORTED", "Already Reported"),
    (226, "IM_USED", "IM Used"),
    (300, "MULTIPLE_CHOICES", "Multiple Choices"),
    (301, "MOVED_PERMANENTLY", "Moved Permanently"),
    (302, "FOUND", "Found"),
    (303, "SEE_OTHER", "See Other"),
    (304, "NOT_MODIFIED", "Not Modified"),
    (305, "USE_PROXY", "Use Proxy"),
    (307, "TEMPORARY_REDIRECT", "Temporary Redirect"),
    (308, "PERMANENT_REDIRECT", "Permanent Redirect"),
    (400, "BAD_REQUEST", "Bad Request"),
    (401, "UNAUTHORIZED", "Unauthorized"),
    (402, "PAYMENT_REQUIRED", "Payment Required"),
    (403, "FORBIDDEN", "Forbidden"),
    (404, "NOT_FOUND", "Not Found"),
    (405, "METHOD_NOT_ALLOWED", "Method Not Allowed"),
    (406, "NOT_ACCEPTABLE", "Not Acceptable"),
    (
        407,
        "PROXY_AUTHENTICATION_REQUIRED",
        "Proxy Authentication Required",
    ),
    (408, "REQUEST_TIMEOUT", "Request Timeout"),
    (409, "CONFLICT", "Conflict"),
    (410, "GONE", "Gone"),
    (411, "LENGTH_REQUIRED", "Length Required"),
    (412, "PRECONDITION_FAILED", "Precondition Failed"),
    (413, "PAYLOAD_TOO_LARGE", "Payload Too Large"),
    (414, "URI_TOO_LONG", "URI Too Long"),
    (415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type"),
    (416, "RANGE_NOT_SATISFIABLE", "Range Not Satisfiable"),
    (417, "EXPECTATION_FAILED", "Expectation Failed"),
    (418, "IM_A_TEAPOT", "I'm a teapot"),
    (421, "MISDIRECTED_REQUEST", "Misdirected Request"),
    (422, "UNPROCESSABLE_ENTITY", "Unprocessable Entity"),
    (423, "LOCKED", "Locked"),
    (424, "FAILED_DEPENDENCY", "Failed Dependency"),
    (425, "TOO_EARLY", "Too Early"),
    (426, "UPGRADE_REQUIRED", "Upgrade Required"),
    (428, "PRECONDITION_REQUIRED", "Precondition Required"),
    (429, "TOO_MANY_REQUESTS", "Too Many Requests"),
    (
        431,
        "REQUEST_HEADER_FIELDS_TOO_LARGE",
        "Request Header Fields Too Large",
    ),
    (
        451,
        "UNAVAILABLE_FOR_LEGAL_REASONS",
        "Unavailable For Legal Reasons",
    ),
    (500, "INTERNAL_SERVER_ERROR", "Internal Server Error"),
    (501, "NOT_IMPLEMENTED", "Not Implemented"),
    (502, "BAD_GATEWAY", "Bad Gateway"),
    (503, "SERVICE_UNAVAILABLE", "Service Unavailable"),
    (504, "GATEWAY_TIMEOUT", "Gateway Timeout"),
    (
        505,
        "HTTP_VERSION_NOT_SUPPORTED",
        "HTTP Version Not Supported",
    ),
    (506, "VARIANT_ALSO_NEGOTIATES", "Variant Also Negotiates"),
    (507, "INSUFFICIENT_STORAGE", "Insufficient Storage"),
    (508, "LOOP_DETECTED", "Loop Detected"),
    (510, "NOT_EXTENDED", "Not Extended"),
    (
        511,
        "NETWORK_AUTHENTICATION_REQUIRED",
        "Network Authentication Required",
    ),
];

/// The value of `status = ...`: a number, or `StatusCode::NAME` by any path that ends so.
pub fn parse(input: ParseStream) -> syn::Result<Status> {
    if input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        crate::attr::no_suffix(&lit, "status")?;
        let number = lit
            .base10_parse::<u16>()
            .ok()
            .filter(|n| (100..=599).contains(n));
        let number = number.ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                "not an HTTP status code; use a number from 400 to 599",
            )
        })?;
        error_status(number, lit.span(), None)
    } else if input.peek(Ident) || input.peek(Token![::]) {
        let path: Path = input.parse()?;
        from_constant(path)
    } else {
        let found: TokenTree = input.parse()?;
        let hint = match &found {
            TokenTree::Literal(lit) if lit.to_string().starts_with('"') => {
                format!(
                    "; write it without quotes: `status = {}`",
                    lit.to_string().trim_matches('"')
                )
            }
            _ => String::new(),
        };
        Err(syn::Error::new_spanned(
            &found,
            format!(
                "expected a status code: `status = 404` or `status = StatusCode::NOT_FOUND`{hint}"
            ),
        ))
    }
}

pub fn constant_name(number: u16) -> Option<&'static str> {
    STATUSES
        .iter()
        .find(|(n, ..)| *n == number)
        .map(|(_, name, _)| *name)
}

pub fn reason_phrase(number: u16) -> Option<&'static str> {
    STATUSES
        .iter()
        .find(|(n, ..)| *n == number)
        .map(|(.., reason)| *reason)
}

/// A status from a number already known to be 100..=599: an error unless it is a 4xx or 5xx.
fn error_status(number: u16, span: Span, path: Option<Path>) -> syn::Result<Status> {
    if number < 400 {
        let name = reason_phrase(number)
            .map(|reason| format!(" ({reason})"))
            .unwrap_or_default();
        return Err(syn::Error::new(
            span,
            format!("status {number}{name} is not an error status; use a 4xx or 5xx code"),
        ));
    }
    Ok(Status { number, path })
}

/// A status from a constant: `StatusCode::NOT_FOUND`, `http::StatusCode::NOT_FOUND`, ...; the
/// segment before the name must be `StatusCode`, so that no other constant is misread.
fn from_constant(path: Path) -> syn::Result<Status> {
    let segments: Vec<_> = path.segments.iter().collect();
    let [.., owner, last] = segments.as_slice() else {
        return Err(syn::Error::new_spanned(
            &path,
            "expected `StatusCode::NAME`, such as `StatusCode::NOT_FOUND`, or a number such as `status = 404`",
        ));
    };
    if owner.ident != "StatusCode"
        || segments
            .iter()
            .any(|segment| !matches!(segment.arguments, PathArguments::None))
    {
        return Err(syn::Error::new_spanned(
            &path,
            "expected `StatusCode::NAME` (http's `StatusCode`), such as `StatusCode::NOT_FOUND`, or a number such as `status = 404`",
        ));
    }
    let name = last.ident.to_string();
    let span = last.ident.span();
    match STATUSES.iter().find(|(_, constant, _)| *constant == name) {
        Some(&(number, ..)) => error_status(number, span, Some(path)),
        None => Err(syn::Error::new(
            span,
            format!(
                "`{name}` is not a StatusCode constant; write a number such as `status = 404`, or a constant such as `StatusCode::NOT_FOUND`"
            ),
        )),
    }
}
