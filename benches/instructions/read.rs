//! Reading an error response back into the typed variant: errwire's `from_response` against the
//! reader an expert writes, a `#[derive(Deserialize)]` of the envelope's members (borrowing the
//! code) and a `match` on the code building the variant.
//!
//! Operations `read-ENVELOPE-unit` and `read-ENVELOPE-struct`: `problem` reads the 100-variant
//! `Wide` (RFC 9457, the details extension members); `flat`, `nested`, `jsonapi` and `legacy` (a
//! custom envelope with a literal member) read a 10-variant enum in that envelope.

use std::borrow::Cow;
use std::hint::black_box;

use errwire::ApiError;
use errwire::client::{FromResponse, Received};
use serde::Deserialize;

use super::{Repeat, Wide};

/// The details of the three-field variant, as a hand-written reader declares them.
#[derive(Deserialize)]
pub struct Seat {
    room: String,
    seat: u64,
    note: Option<String>,
}

macro_rules! rooms {
    ($($module:ident = [$($envelope:tt)*];)*) => {$(
        pub mod $module {
            /// The errors of a small API, in one envelope.
            #[derive(Debug, errwire::ApiError)]
            #[api(envelope = $($envelope)*)]
            pub enum Rooms {
                #[api(status = 404, code = "no_room", message = "No such room")]
                NoRoom,
                #[api(status = 400, code = "bad_name", message = "Bad name")]
                BadName,
                #[api(status = 401, code = "no_session", message = "Sign in first")]
                NoSession,
                #[api(status = 403, code = "not_yours", message = "Not your room")]
                NotYours,
                #[api(status = 410, code = "room_ended", message = "The room has ended")]
                RoomEnded,
                #[api(status = 422, code = "bad_seat", message = "No such seat")]
                BadSeat,
                #[api(status = 429, code = "slow_down", message = "Slow down")]
                SlowDown,
                #[api(status = 500, code = "internal", message = "Internal error")]
                Internal,
                #[api(status = 503, code = "down", message = "Down for maintenance")]
                Down,
                #[api(status = 409, code = "seat_taken", message = "Seat {seat} of room {room} is taken")]
                SeatTaken {
                    #[api(detail)]
                    room: String,
                    #[api(detail)]
                    seat: u64,
                    #[api(detail)]
                    note: Option<String>,
                },
            }

            /// The variant of `code`, as a hand-written reader builds it.
            pub fn build(code: &str, seat: Option<super::Seat>) -> Option<Rooms> {
                Some(match code {
                    "no_room" => Rooms::NoRoom,
                    "bad_name" => Rooms::BadName,
                    "no_session" => Rooms::NoSession,
                    "not_yours" => Rooms::NotYours,
                    "room_ended" => Rooms::RoomEnded,
                    "bad_seat" => Rooms::BadSeat,
                    "slow_down" => Rooms::SlowDown,
                    "internal" => Rooms::Internal,
                    "down" => Rooms::Down,
                    "seat_taken" => {
                        let super::Seat { room, seat, note } = seat?;
                        Rooms::SeatTaken { room, seat, note }
                    }
                    _ => return None,
                })
            }

            pub fn inputs(kind: &str) -> Rooms {
                match kind {
                    "unit" => Rooms::NoRoom,
                    _ => Rooms::SeatTaken {
                        room: "math-101".to_owned(),
                        seat: 14,
                        note: Some("by the window".to_owned()),
                    },
                }
            }
        }
    )*};
}

errwire::envelope! {
    /// A custom shape with a literal member.
    pub struct Legacy {
        "ok": false,
        "reason": code,
        "text": message,
        "info": details?,
    }
}

rooms! {
    flat = [errwire::Flat];
    nested = [errwire::Nested];
    jsonapi = [errwire::JsonApi];
    legacy = [super::Legacy];
}

#[derive(Deserialize)]
struct FlatBody<'a> {
    #[serde(borrow)]
    error: Cow<'a, str>,
    details: Option<Seat>,
}

#[derive(Deserialize)]
struct NestedBody<'a> {
    #[serde(borrow)]
    error: FlatInner<'a>,
}

#[derive(Deserialize)]
struct FlatInner<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    details: Option<Seat>,
}

#[derive(Deserialize)]
struct JsonApiBody<'a> {
    #[serde(borrow)]
    errors: (JsonApiError<'a>,),
}

#[derive(Deserialize)]
struct JsonApiError<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    meta: Option<Seat>,
}

#[derive(Deserialize)]
struct LegacyBody<'a> {
    ok: bool,
    #[serde(borrow)]
    reason: Cow<'a, str>,
    info: Option<Seat>,
}

/// The RFC 9457 body of `Wide`: the code, and every detail any variant has, as members.
#[derive(Deserialize)]
pub struct ProblemBody<'a> {
    #[serde(borrow)]
    pub code: Cow<'a, str>,
    pub room: Option<String>,
    pub seat: Option<u64>,
    #[serde(default)]
    pub note: Option<String>,
    pub fields: Option<Vec<String>>,
    pub by_field: Option<std::collections::BTreeMap<String, String>>,
    pub strict: Option<bool>,
}

fn hand_flat(body: &[u8]) -> Option<flat::Rooms> {
    let body: FlatBody = serde_json::from_slice(body).ok()?;
    flat::build(&body.error, body.details)
}

fn hand_nested(body: &[u8]) -> Option<nested::Rooms> {
    let body: NestedBody = serde_json::from_slice(body).ok()?;
    nested::build(&body.error.code, body.error.details)
}

fn hand_jsonapi(body: &[u8]) -> Option<jsonapi::Rooms> {
    let body: JsonApiBody = serde_json::from_slice(body).ok()?;
    let (error,) = body.errors;
    jsonapi::build(&error.code, error.meta)
}

fn hand_legacy(body: &[u8]) -> Option<legacy::Rooms> {
    let body: LegacyBody = serde_json::from_slice(body).ok()?;
    if body.ok {
        return None;
    }
    legacy::build(&body.reason, body.info)
}

/// A response to read: what errwire sent for `error`.
struct Sent {
    status: errwire::http::StatusCode,
    headers: errwire::http::HeaderMap,
    body: Vec<u8>,
}

fn sent(error: &impl ApiError) -> Sent {
    let response = error.to_response();
    Sent {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.into_body(),
    }
}

#[inline(never)]
fn errwire_read<E: FromResponse>(sent: &Sent) {
    let received = E::from_response(
        black_box(sent.status),
        black_box(&sent.headers),
        black_box(&sent.body),
    );
    assert!(matches!(received, Received::Known(..)));
    black_box(received);
}

#[inline(never)]
fn hand_read<E>(sent: &Sent, read: fn(&[u8]) -> Option<E>) {
    black_box(read(black_box(&sent.body)).unwrap());
}

/// The envelope and kind of an operation: `read-flat-unit` is `("flat", "unit")`.
fn parse(operation: &str) -> (&str, &str) {
    let mut parts = operation.split('-').skip(1);
    (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    )
}

/// Repeats a reading operation of `side`, its response sent once, before.
pub fn run(operation: &str, side: &str, repeat: impl Repeat) {
    let (envelope, kind) = parse(operation);
    macro_rules! sides {
        ($error:expr, $type:ty, $hand:expr) => {{
            let sent = sent(&$error);
            match side {
                "errwire" => repeat.repeat(|| errwire_read::<$type>(&sent)),
                "hand" => repeat.repeat(|| hand_read(&sent, $hand)),
                _ => panic!("no side {side}"),
            }
        }};
    }
    match envelope {
        "problem" => sides!(problem_input(kind), Wide, super::hand_read_problem),
        "flat" => sides!(flat::inputs(kind), flat::Rooms, hand_flat),
        "nested" => sides!(nested::inputs(kind), nested::Rooms, hand_nested),
        "jsonapi" => sides!(jsonapi::inputs(kind), jsonapi::Rooms, hand_jsonapi),
        "legacy" => sides!(legacy::inputs(kind), legacy::Rooms, hand_legacy),
        _ => panic!("no operation {operation}"),
    }
}

fn problem_input(kind: &str) -> Wide {
    match kind {
        "unit" => Wide::U03,
        _ => super::seat_taken(),
    }
}

/// Both readers give the same value, for every variant of each enum.
pub fn check() {
    fn same<E: FromResponse + std::fmt::Debug>(error: &E, hand: fn(&[u8]) -> Option<E>) {
        let sent = sent(error);
        let ours = match E::from_response(sent.status, &sent.headers, &sent.body) {
            Received::Known(ours, _) => ours,
            Received::Unknown(response) => panic!("{error:?} not read back: {response:?}"),
        };
        let theirs = hand(&sent.body).expect("the hand-written reader reads it");
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
        assert_eq!(format!("{ours:?}"), format!("{error:?}"));
    }
    for error in super::every_variant() {
        same(&error, super::hand_read_problem);
    }
    for kind in ["unit", "struct"] {
        same(&flat::inputs(kind), hand_flat);
        same(&nested::inputs(kind), hand_nested);
        same(&jsonapi::inputs(kind), hand_jsonapi);
        same(&legacy::inputs(kind), hand_legacy);
    }
}
