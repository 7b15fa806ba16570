//! `domain`, `grpc` and `reason`: what a variant is over gRPC. Its code comes from its status by
//! googleapis' `google/rpc/code.proto` mapping (the runtime's `errwire::grpc::GrpcCode` holds the
//! same table), its reason from its code; the checks are AIP-193's.

use proc_macro2::Span;
use syn::ext::IdentExt as _;

use crate::ast::{Input, Variant};
use crate::attr::CodeValue;
use crate::case::RenameRule;

/// The code names a variant may give, `OK` aside.
pub const NAMES: &[&str] = &[
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// The codes `code.proto` maps the HTTP status to.
pub fn for_status(status: u16) -> &'static [&'static str] {
    match status {
        400 => &["INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE"],
        401 => &["UNAUTHENTICATED"],
        403 => &["PERMISSION_DENIED"],
        404 => &["NOT_FOUND"],
        409 => &["ABORTED", "ALREADY_EXISTS"],
        429 => &["RESOURCE_EXHAUSTED"],
        499 => &["CANCELLED"],
        500 => &["INTERNAL", "UNKNOWN", "DATA_LOSS"],
        501 => &["UNIMPLEMENTED"],
        503 => &["UNAVAILABLE"],
        504 => &["DEADLINE_EXCEEDED"],
        _ => &[],
    }
}

/// The runtime's `GrpcCode` variant of the code `name`.
pub fn variant(name: &str) -> String {
    name.split('_')
        .map(|word| word[..1].to_owned() + &word[1..].to_ascii_lowercase())
        .collect()
}

/// The reason of a code, or of a variant's name when it has no string code: its words in
/// UPPER_SNAKE_CASE (`rate_limit_exceeded`, `rate-limit.exceeded` and `RateLimitExceeded` all
/// give `RATE_LIMIT_EXCEEDED`).
pub fn reason_of(text: &str) -> String {
    let words: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let reason = RenameRule::ScreamingSnake.apply(&words);
    reason
        .split('_')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Why `reason` is not a reason AIP-193 allows: UPPER_SNAKE_CASE, a letter first, at most 63
/// characters.
pub fn reason_fault(reason: &str) -> Option<String> {
    let shape = reason.starts_with(|c: char| c.is_ascii_uppercase())
        && !reason.ends_with('_')
        && !reason.contains("__")
        && reason
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if !shape {
        return Some(format!(
            "the gRPC reason \"{reason}\" is not UPPER_SNAKE_CASE starting with a letter (AIP-193)"
        ));
    }
    (reason.len() > 63).then(|| {
        format!(
            "the gRPC reason \"{reason}\" is {} characters; AIP-193 allows at most 63",
            reason.len()
        )
    })
}

/// Why `domain` is not a domain: a service name such as `rooms.example.com`.
pub fn domain_fault(domain: &str) -> Option<&'static str> {
    let label = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    match domain.len() <= 253 && domain.split('.').all(label) {
        true => None,
        false => Some(
            "`domain` is the service's DNS name, lowercase, such as \"rooms.example.com\" (AIP-193's ErrorInfo.domain)",
        ),
    }
}

/// A variant's gRPC code and reason, as its attributes and status decide them; an error, at the
/// token to change, where they do not.
pub fn of(input: &Input, variant: &Variant) -> Result<(&'static str, String), syn::Error> {
    let attrs = input.attrs_of(variant);
    let status = input.status_number(variant);
    let code = match (attrs.grpc.get(), for_status(status)) {
        (Some(code), _) => *code,
        (None, [only]) => only,
        (None, choices) => {
            let fix = match choices {
                [] => format!(
                    "status {status} has no gRPC code in google/rpc/code.proto; say which it is with #[api(grpc = \"FAILED_PRECONDITION\")] (or another of: {})",
                    NAMES.join(", ")
                ),
                [rest @ .., last] => format!(
                    "status {status} is {} or {last} over gRPC; say which with #[api(grpc = \"{}\")]",
                    rest.join(", "),
                    choices[0]
                ),
            };
            let span = attrs
                .status
                .span()
                .or(input.attrs.status.span())
                .unwrap_or(variant.ident.span());
            return Err(syn::Error::new(span, format!("`{}`: {fix}", variant.ident)));
        }
    };
    if let Some(reason) = attrs.reason.get() {
        return Ok((code, reason.clone()));
    }
    let (from, span) = match input.code_of(variant) {
        Some((CodeValue::Str(code), span)) => (code, span),
        _ => (variant.ident.unraw().to_string(), variant.ident.span()),
    };
    let reason = reason_of(&from);
    match reason_fault(&reason) {
        None => Ok((code, reason)),
        Some(fault) => Err(syn::Error::new(
            span,
            format!("{fault}; give the variant one with #[api(reason = \"SEAT_TAKEN\")]"),
        )),
    }
}

/// The span of a variant's `grpc` or `reason` key, on a type that has no domain.
pub fn without_domain(input: &Input, variant: &Variant) -> Option<(&'static str, Span)> {
    let attrs = input.attrs_of(variant);
    attrs
        .grpc
        .span()
        .map(|span| ("grpc", span))
        .or(attrs.reason.span().map(|span| ("reason", span)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_of_codes_and_names() {
        assert_eq!(reason_of("rate_limit_exceeded"), "RATE_LIMIT_EXCEEDED");
        assert_eq!(reason_of("rate-limit.exceeded"), "RATE_LIMIT_EXCEEDED");
        assert_eq!(reason_of("RateLimitExceeded"), "RATE_LIMIT_EXCEEDED");
        assert_eq!(reason_of("roomFull2"), "ROOM_FULL2");
        assert_eq!(reason_fault("ROOM_FULL"), None);
        assert!(reason_fault("room_full").is_some());
        assert!(reason_fault("_ROOM").is_some());
        assert!(reason_fault("1001").is_some());
        assert!(reason_fault(&"A".repeat(64)).is_some());
        assert_eq!(variant("INVALID_ARGUMENT"), "InvalidArgument");
        assert_eq!(domain_fault("rooms.example.com"), None);
        assert!(domain_fault("Rooms.example.com").is_some());
        assert!(domain_fault("rooms..com").is_some());
    }
}
