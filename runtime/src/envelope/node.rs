//! A template as data: the tree `envelope!` declares, of members, literals and slots, for what
//! reads a template rather than writing a body with it (the body's JSON Schema; reading a body
//! back).

/// A fact of the error, or a per-request value, that a template places in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The status, as a number: `404`.
    Status,
    /// The status, as a string: `"404"`, as JSON:API writes it.
    StatusString,
    /// The status's reason phrase, `"Not Found"`; none for an unregistered status.
    Reason,
    /// The code, a string or a number; none for an error without one.
    Code,
    /// The code, always as a string.
    CodeString,
    /// The public message, in the request's language where the type's messages are translated.
    Message,
    /// The public message in the type's default language, whatever the request's.
    DefaultMessage,
    /// The title, else the status's reason phrase.
    Title,
    /// `type_base` followed by the code, else `about:blank`.
    TypeUri,
    /// `type_base` followed by the code: the link to the error's documentation; none without
    /// both.
    DocUrl,
    /// The details, as one object; none for an error without any.
    Details,
    /// The request id of the render context.
    RequestId,
    /// The instance of the render context.
    Instance,
}

/// What a member holding a slot does when the slot has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// The slot always has a value, or the template requires one (`code` written alone).
    Always,
    /// `slot?`: the member is left out.
    Omit,
    /// `slot | null`: the member is `null`.
    Null,
}

/// A value of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// An object: its members, in order.
    Object(&'static [Member]),
    /// An array: its elements, in order.
    Array(&'static [Node]),
    /// A literal, as JSON text: `"false"`, `"\"about:blank\""`.
    Literal(&'static str),
    /// A slot, and what its member does without a value.
    Slot(Slot, Presence),
}

/// A member of a template's object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Member {
    /// `"key": value`.
    Entry(&'static str, Node),
    /// `..details`: the details' entries as members of this object.
    Details,
}

impl Node {
    /// Whether an object of this template writes a member named `name` beside the details'
    /// entries (`..details`), so that a detail of that name would be left out of every body.
    pub(crate) const fn shadows(&self, name: &str) -> bool {
        match *self {
            Node::Object(members) => {
                let mut flattens = false;
                let mut at = 0;
                while at < members.len() {
                    flattens |= matches!(members[at], Member::Details);
                    at += 1;
                }
                let mut at = 0;
                while at < members.len() {
                    if let Member::Entry(key, value) = &members[at]
                        && ((flattens && same(key, name)) || value.shadows(name))
                    {
                        return true;
                    }
                    at += 1;
                }
                false
            }
            Node::Array(nodes) => {
                let mut at = 0;
                while at < nodes.len() {
                    if nodes[at].shadows(name) {
                        return true;
                    }
                    at += 1;
                }
                false
            }
            Node::Literal(_) | Node::Slot(..) => false,
        }
    }
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}
