//! The slots a template can name: what each is called, whether it can lack a value, and what it
//! holds in the pre-rendered failsafe body.

use super::parse::SlotUse;

pub struct SlotKind {
    /// The name written in a template.
    pub name: &'static str,
    /// The runtime's `template::Slot` variant.
    pub variant: &'static str,
    /// The variant for `as string`, if the slot has one.
    pub string_variant: Option<&'static str>,
    /// Whether some error or render context has no value for it.
    pub may_be_absent: bool,
    /// Its JSON in the failsafe 500 (no code, no details, no render context), plain and
    /// `as string`.
    pub failsafe: Option<&'static str>,
    pub failsafe_string: Option<&'static str>,
}

const fn slot(
    name: &'static str,
    variant: &'static str,
    may_be_absent: bool,
    failsafe: Option<&'static str>,
) -> SlotKind {
    SlotKind {
        name,
        variant,
        string_variant: None,
        may_be_absent,
        failsafe,
        failsafe_string: None,
    }
}

pub const SLOTS: &[SlotKind] = &[
    SlotKind {
        string_variant: Some("StatusString"),
        failsafe_string: Some("\"500\""),
        ..slot("status", "Status", false, Some("500"))
    },
    slot("reason", "Reason", true, Some("\"Internal Server Error\"")),
    SlotKind {
        string_variant: Some("CodeString"),
        ..slot("code", "Code", true, None)
    },
    slot(
        "message",
        "Message",
        false,
        Some("\"An unexpected error occurred\""),
    ),
    // The message in the type's default locale, whatever the request's language: for an
    // envelope whose `message` stays stable while another member carries the translation.
    slot(
        "default_message",
        "DefaultMessage",
        false,
        Some("\"An unexpected error occurred\""),
    ),
    slot("title", "Title", true, Some("\"Internal Server Error\"")),
    slot("type", "TypeUri", false, Some("\"about:blank\"")),
    slot("doc_url", "DocUrl", true, None),
    slot("details", "Details", true, None),
    slot("request_id", "RequestId", true, None),
    slot("instance", "Instance", true, None),
];

pub fn lookup(name: &str) -> Option<&'static SlotKind> {
    SLOTS.iter().find(|slot| slot.name == name)
}

pub fn names() -> impl Iterator<Item = &'static str> {
    SLOTS.iter().map(|slot| slot.name)
}

/// The slot a checked template names.
pub fn of(slot: &SlotUse) -> &'static SlotKind {
    lookup(&slot.name.to_string()).expect("check.rs rejects unknown slots")
}

/// The runtime's `template::Slot` variant for a slot as written, `as string` included.
pub fn variant(slot: &SlotUse) -> &'static str {
    let kind = of(slot);
    match (slot.as_string, kind.string_variant) {
        (Some(_), Some(variant)) => variant,
        _ => kind.variant,
    }
}
