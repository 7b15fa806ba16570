//! Instruction counts (callgrind) of errwire's generated code against the strongest hand-written
//! code that writes the same bytes, on an enum of 100 variants: 98 unit variants and two with
//! details of `String`, integers, `Option`, `Vec`, a map and `bool`; and of reading a response
//! back (`instructions/read.rs`) and of a request through the middleware
//! (`instructions/serve.rs`, `instructions/actix.rs`).
//!
//! `python3 scripts/instructions.py` builds this, checks byte for byte that both sides write the
//! same bodies, and runs each operation under `valgrind --tool=callgrind`: the instructions of
//! `N` runs less those of none, over `N`. Run by hand: `instructions OPERATION SIDE N`.
//!
//! `cargo bench --bench instructions -- wall [PREFIX]` times reading back and the middleware
//! with criterion instead (`python3 scripts/bench_ratios.py` runs it and prints the ratios).

#[path = "instructions/actix.rs"]
mod actix;
#[path = "instructions/read.rs"]
mod read;
#[path = "instructions/serve.rs"]
mod serve;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};

use errwire::{ApiError, Code, Envelope, Flat, Problem, RenderContext};
use serde::ser::{Serialize, SerializeMap, Serializer};

macro_rules! wide {
    ($($variant:ident = $status:literal, $reason:literal, $code:literal, $message:literal;)*) => {
        /// The errors of a large API.
        #[derive(Debug, ApiError)]
        #[api(type_base = "https://errors.example.com/")]
        pub enum Wide {
            $(
                #[api(status = $status, code = $code, message = $message)]
                $variant,
            )*
            #[api(status = 409, code = "seat_taken", message = "Seat {seat} of room {room} is taken")]
            SeatTaken {
                #[api(detail)]
                room: String,
                #[api(detail)]
                seat: u64,
                #[api(detail)]
                note: Option<String>,
            },
            #[api(status = 422, code = "invalid_fields", message = "The given data was invalid.")]
            Invalid {
                #[api(detail)]
                fields: Vec<String>,
                #[api(detail)]
                by_field: BTreeMap<String, String>,
                #[api(detail)]
                strict: bool,
            },
        }

        /// Every variant once.
        fn every_variant() -> Vec<Wide> {
            let mut all = vec![$(Wide::$variant),*];
            all.push(seat_taken());
            all.push(invalid());
            all
        }

        /// `Wide`'s `Flat` body, as an expert writes it.
        struct HandFlat<'a>(&'a Wide);

        impl Serialize for HandFlat<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                match self.0 {
                    $(Wide::$variant => {
                        map.serialize_entry("error", $code)?;
                        map.serialize_entry("message", $message)?;
                    })*
                    Wide::SeatTaken { room, seat, note } => {
                        map.serialize_entry("error", "seat_taken")?;
                        map.serialize_key("message")?;
                        map.serialize_value(&Collected(format_args!("Seat {seat} of room {room} is taken")))?;
                        map.serialize_entry("details", &SeatDetails { room, seat: *seat, note })?;
                    }
                    Wide::Invalid { fields, by_field, strict } => {
                        map.serialize_entry("error", "invalid_fields")?;
                        map.serialize_entry("message", "The given data was invalid.")?;
                        map.serialize_entry("details", &InvalidDetails { fields, by_field, strict: *strict })?;
                    }
                }
                map.end()
            }
        }

        /// `Wide`'s RFC 9457 body, as an expert writes it.
        struct HandProblem<'a>(&'a Wide);

        impl Serialize for HandProblem<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                match self.0 {
                    $(Wide::$variant => {
                        map.serialize_entry("type", concat!("https://errors.example.com/", $code))?;
                        map.serialize_entry("title", $reason)?;
                        map.serialize_entry("status", &$status)?;
                        map.serialize_entry("detail", $message)?;
                        map.serialize_entry("code", $code)?;
                    })*
                    Wide::SeatTaken { room, seat, note } => {
                        map.serialize_entry("type", "https://errors.example.com/seat_taken")?;
                        map.serialize_entry("title", "Conflict")?;
                        map.serialize_entry("status", &409)?;
                        map.serialize_key("detail")?;
                        map.serialize_value(&Collected(format_args!("Seat {seat} of room {room} is taken")))?;
                        map.serialize_entry("code", "seat_taken")?;
                        map.serialize_entry("room", room)?;
                        map.serialize_entry("seat", seat)?;
                        map.serialize_entry("note", note)?;
                    }
                    Wide::Invalid { fields, by_field, strict } => {
                        map.serialize_entry("type", "https://errors.example.com/invalid_fields")?;
                        map.serialize_entry("title", "Unprocessable Entity")?;
                        map.serialize_entry("status", &422)?;
                        map.serialize_entry("detail", "The given data was invalid.")?;
                        map.serialize_entry("code", "invalid_fields")?;
                        map.serialize_entry("fields", fields)?;
                        map.serialize_entry("by_field", by_field)?;
                        map.serialize_entry("strict", strict)?;
                    }
                }
                map.end()
            }
        }

        /// `status()`, as an expert writes it.
        fn hand_status(error: &Wide) -> http::StatusCode {
            match error {
                $(Wide::$variant => const { match http::StatusCode::from_u16($status) {
                    Ok(status) => status,
                    Err(_) => panic!(),
                } },)*
                Wide::SeatTaken { .. } => http::StatusCode::CONFLICT,
                Wide::Invalid { .. } => http::StatusCode::UNPROCESSABLE_ENTITY,
            }
        }

        /// `Wide` read back from its RFC 9457 body, as an expert writes it.
        fn hand_read_problem(body: &[u8]) -> Option<Wide> {
            let body: read::ProblemBody = serde_json::from_slice(body).ok()?;
            Some(match &*body.code {
                $($code => Wide::$variant,)*
                "seat_taken" => Wide::SeatTaken {
                    room: body.room?,
                    seat: body.seat?,
                    note: body.note,
                },
                "invalid_fields" => Wide::Invalid {
                    fields: body.fields?,
                    by_field: body.by_field?,
                    strict: body.strict?,
                },
                _ => return None,
            })
        }

        /// `code()`, as an expert writes it.
        fn hand_code(error: &Wide) -> Option<Code> {
            match error {
                $(Wide::$variant => Some(Code::Str($code)),)*
                Wide::SeatTaken { .. } => Some(Code::Str("seat_taken")),
                Wide::Invalid { .. } => Some(Code::Str("invalid_fields")),
            }
        }
    };
}

wide! {
    U00 = 400, "Bad Request", "u00", "Message 00.";
    U01 = 401, "Unauthorized", "u01", "Message 01.";
    U02 = 403, "Forbidden", "u02", "Message 02.";
    U03 = 404, "Not Found", "u03", "Message 03.";
    U04 = 409, "Conflict", "u04", "Message 04.";
    U05 = 410, "Gone", "u05", "Message 05.";
    U06 = 422, "Unprocessable Entity", "u06", "Message 06.";
    U07 = 429, "Too Many Requests", "u07", "Message 07.";
    U08 = 500, "Internal Server Error", "u08", "Message 08.";
    U09 = 503, "Service Unavailable", "u09", "Message 09.";
    U10 = 400, "Bad Request", "u10", "Message 10.";
    U11 = 401, "Unauthorized", "u11", "Message 11.";
    U12 = 403, "Forbidden", "u12", "Message 12.";
    U13 = 404, "Not Found", "u13", "Message 13.";
    U14 = 409, "Conflict", "u14", "Message 14.";
    U15 = 410, "Gone", "u15", "Message 15.";
    U16 = 422, "Unprocessable Entity", "u16", "Message 16.";
    U17 = 429, "Too Many Requests", "u17", "Message 17.";
    U18 = 500, "Internal Server Error", "u18", "Message 18.";
    U19 = 503, "Service Unavailable", "u19", "Message 19.";
    U20 = 400, "Bad Request", "u20", "Message 20.";
    U21 = 401, "Unauthorized", "u21", "Message 21.";
    U22 = 403, "Forbidden", "u22", "Message 22.";
    U23 = 404, "Not Found", "u23", "Message 23.";
    U24 = 409, "Conflict", "u24", "Message 24.";
    U25 = 410, "Gone", "u25", "Message 25.";
    U26 = 422, "Unprocessable Entity", "u26", "Message 26.";
    U27 = 429, "Too Many Requests", "u27", "Message 27.";
    U28 = 500, "Internal Server Error", "u28", "Message 28.";
    U29 = 503, "Service Unavailable", "u29", "Message 29.";
    U30 = 400, "Bad Request", "u30", "Message 30.";
    U31 = 401, "Unauthorized", "u31", "Message 31.";
    U32 = 403, "Forbidden", "u32", "Message 32.";
    U33 = 404, "Not Found", "u33", "Message 33.";
    U34 = 409, "Conflict", "u34", "Message 34.";
    U35 = 410, "Gone", "u35", "Message 35.";
    U36 = 422, "Unprocessable Entity", "u36", "Message 36.";
    U37 = 429, "Too Many Requests", "u37", "Message 37.";
    U38 = 500, "Internal Server Error", "u38", "Message 38.";
    U39 = 503, "Service Unavailable", "u39", "Message 39.";
    U40 = 400, "Bad Request", "u40", "Message 40.";
    U41 = 401, "Unauthorized", "u41", "Message 41.";
    U42 = 403, "Forbidden", "u42", "Message 42.";
    U43 = 404, "Not Found", "u43", "Message 43.";
    U44 = 409, "Conflict", "u44", "Message 44.";
    U45 = 410, "Gone", "u45", "Message 45.";
    U46 = 422, "Unprocessable Entity", "u46", "Message 46.";
    U47 = 429, "Too Many Requests", "u47", "Message 47.";
    U48 = 500, "Internal Server Error", "u48", "Message 48.";
    U49 = 503, "Service Unavailable", "u49", "Message 49.";
    U50 = 400, "Bad Request", "u50", "Message 50.";
    U51 = 401, "Unauthorized", "u51", "Message 51.";
    U52 = 403, "Forbidden", "u52", "Message 52.";
    U53 = 404, "Not Found", "u53", "Message 53.";
    U54 = 409, "Conflict", "u54", "Message 54.";
    U55 = 410, "Gone", "u55", "Message 55.";
    U56 = 422, "Unprocessable Entity", "u56", "Message 56.";
    U57 = 429, "Too Many Requests", "u57", "Message 57.";
    U58 = 500, "Internal Server Error", "u58", "Message 58.";
    U59 = 503, "Service Unavailable", "u59", "Message 59.";
    U60 = 400, "Bad Request", "u60", "Message 60.";
    U61 = 401, "Unauthorized", "u61", "Message 61.";
    U62 = 403, "Forbidden", "u62", "Message 62.";
    U63 = 404, "Not Found", "u63", "Message 63.";
    U64 = 409, "Conflict", "u64", "Message 64.";
    U65 = 410, "Gone", "u65", "Message 65.";
    U66 = 422, "Unprocessable Entity", "u66", "Message 66.";
    U67 = 429, "Too Many Requests", "u67", "Message 67.";
    U68 = 500, "Internal Server Error", "u68", "Message 68.";
    U69 = 503, "Service Unavailable", "u69", "Message 69.";
    U70 = 400, "Bad Request", "u70", "Message 70.";
    U71 = 401, "Unauthorized", "u71", "Message 71.";
    U72 = 403, "Forbidden", "u72", "Message 72.";
    U73 = 404, "Not Found", "u73", "Message 73.";
    U74 = 409, "Conflict", "u74", "Message 74.";
    U75 = 410, "Gone", "u75", "Message 75.";
    U76 = 422, "Unprocessable Entity", "u76", "Message 76.";
    U77 = 429, "Too Many Requests", "u77", "Message 77.";
    U78 = 500, "Internal Server Error", "u78", "Message 78.";
    U79 = 503, "Service Unavailable", "u79", "Message 79.";
    U80 = 400, "Bad Request", "u80", "Message 80.";
    U81 = 401, "Unauthorized", "u81", "Message 81.";
    U82 = 403, "Forbidden", "u82", "Message 82.";
    U83 = 404, "Not Found", "u83", "Message 83.";
    U84 = 409, "Conflict", "u84", "Message 84.";
    U85 = 410, "Gone", "u85", "Message 85.";
    U86 = 422, "Unprocessable Entity", "u86", "Message 86.";
    U87 = 429, "Too Many Requests", "u87", "Message 87.";
    U88 = 500, "Internal Server Error", "u88", "Message 88.";
    U89 = 503, "Service Unavailable", "u89", "Message 89.";
    U90 = 400, "Bad Request", "u90", "Message 90.";
    U91 = 401, "Unauthorized", "u91", "Message 91.";
    U92 = 403, "Forbidden", "u92", "Message 92.";
    U93 = 404, "Not Found", "u93", "Message 93.";
    U94 = 409, "Conflict", "u94", "Message 94.";
    U95 = 410, "Gone", "u95", "Message 95.";
    U96 = 422, "Unprocessable Entity", "u96", "Message 96.";
    U97 = 429, "Too Many Requests", "u97", "Message 97.";
}

fn seat_taken() -> Wide {
    Wide::SeatTaken {
        room: "math-101".to_owned(),
        seat: 14,
        note: Some("by the window".to_owned()),
    }
}

fn invalid() -> Wide {
    Wide::Invalid {
        fields: vec!["name".to_owned(), "email".to_owned()],
        by_field: BTreeMap::from([
            ("email".to_owned(), "is not an address".to_owned()),
            ("name".to_owned(), "is required".to_owned()),
        ]),
        strict: true,
    }
}

struct SeatDetails<'a> {
    room: &'a str,
    seat: u64,
    note: &'a Option<String>,
}

impl Serialize for SeatDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("room", self.room)?;
        map.serialize_entry("seat", &self.seat)?;
        map.serialize_entry("note", self.note)?;
        map.end()
    }
}

struct InvalidDetails<'a> {
    fields: &'a [String],
    by_field: &'a BTreeMap<String, String>,
    strict: bool,
}

impl Serialize for InvalidDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("fields", self.fields)?;
        map.serialize_entry("by_field", self.by_field)?;
        map.serialize_entry("strict", &self.strict)?;
        map.end()
    }
}

/// A `Display` value serialized as a string, without a `String` in between.
struct Collected<T>(T);

impl<T: std::fmt::Display> Serialize for Collected<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// What actix-web's `ResponseError` asks of an error besides `Debug`.
impl std::fmt::Display for Wide {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fmt_message(f)
    }
}

/// The same kind of errors in two languages, for the cost of a message in another locale.
#[derive(Debug, ApiError)]
#[api(locales = ["en", "fr"])]
pub enum Localized {
    #[api(
        status = 404,
        code = "no_room",
        message = "No such room",
        message(fr = "Aucune classe")
    )]
    NoRoom,
    #[api(
        status = 409,
        code = "seat_taken",
        message = "Seat {seat} of room {room} is taken",
        message(fr = "La place {seat} de la classe {room} est prise")
    )]
    SeatTaken {
        #[api(detail)]
        room: String,
        #[api(detail)]
        seat: u64,
    },
}

/// The localized errors an operation runs on.
fn localized_inputs(operation: &str) -> Vec<Localized> {
    match operation.rsplit('-').next() {
        Some("unit") => vec![Localized::NoRoom],
        _ => vec![Localized::SeatTaken {
            room: "math-101".into(),
            seat: 12,
        }],
    }
}

/// `to_response` for a request in `language`.
#[inline(never)]
fn localized_response(errors: &[Localized], language: &str) {
    let cx = RenderContext::new().with_accept_language(language);
    for error in errors {
        black_box(black_box(error).to_response_with(&cx));
    }
}

/// The errors an operation runs on.
fn inputs(operation: &str) -> Vec<Wide> {
    match operation.rsplit('-').next() {
        Some("unit") => vec![Wide::U03],
        Some("struct") => vec![seat_taken()],
        Some("collections") => vec![invalid()],
        _ => every_variant(),
    }
}

#[inline(never)]
fn errwire_body<Env: Envelope>(errors: &[Wide], out: &mut Vec<u8>) {
    for error in errors {
        out.clear();
        Env::write_body(black_box(error), &RenderContext::new(), out).unwrap();
        black_box(&*out);
    }
}

#[inline(never)]
fn hand_body<'a, H: Serialize + 'a>(
    errors: &'a [Wide],
    hand: impl Fn(&'a Wide) -> H,
    out: &mut Vec<u8>,
) {
    for error in errors {
        out.clear();
        serde_json::to_writer(&mut *out, &hand(black_box(error))).unwrap();
        black_box(&*out);
    }
}

/// The response `to_response` gives, as an expert builds it: the hand-written body in a buffer
/// of the same size, the status, the content type.
fn hand_response(error: &Wide) -> http::Response<Vec<u8>> {
    let mut body = Vec::with_capacity(512);
    serde_json::to_writer(&mut body, &HandProblem(error)).unwrap();
    let mut response = http::Response::new(body);
    *response.status_mut() = hand_status(error);
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// Runs `operation` of `side` once over its inputs.
fn run(operation: &str, side: &str, errors: &[Wide], out: &mut Vec<u8>) {
    match (operation.split('-').next().unwrap_or_default(), side) {
        ("flat", "errwire") => errwire_body::<Flat>(errors, out),
        ("flat", "hand") => hand_body(errors, HandFlat, out),
        ("problem", "errwire") => errwire_body::<Problem>(errors, out),
        ("problem", "hand") => hand_body(errors, HandProblem, out),
        ("status", "errwire") => errors.iter().for_each(|error| {
            black_box(black_box(error).status());
        }),
        ("status", "hand") => errors.iter().for_each(|error| {
            black_box(hand_status(black_box(error)));
        }),
        ("code", "errwire") => errors.iter().for_each(|error| {
            black_box(black_box(error).code());
        }),
        ("code", "hand") => errors.iter().for_each(|error| {
            black_box(hand_code(black_box(error)));
        }),
        ("response", "errwire") => errors.iter().for_each(|error| {
            black_box(black_box(error).to_response());
        }),
        ("response", "hand") => errors.iter().for_each(|error| {
            black_box(hand_response(black_box(error)));
        }),
        ("localized", "default") => localized_response(&localized_inputs(operation), "en"),
        ("localized", "french") => localized_response(&localized_inputs(operation), "fr"),
        _ => panic!("no operation {operation} of {side}"),
    }
}

/// Both sides write the same bytes, give the same status, code and response, for every variant.
fn check() {
    let errors = every_variant();
    assert_eq!(errors.len(), 100);
    for error in &errors {
        for (ours, theirs) in [
            (
                body::<Flat>(error),
                serde_json::to_string(&HandFlat(error)).unwrap(),
            ),
            (
                body::<Problem>(error),
                serde_json::to_string(&HandProblem(error)).unwrap(),
            ),
        ] {
            assert_eq!(ours, theirs, "{error:?}");
        }
        assert_eq!(error.status(), hand_status(error));
        assert_eq!(error.code(), hand_code(error));
        let (ours, theirs) = (error.to_response(), hand_response(error));
        assert_eq!(ours.status(), theirs.status(), "{error:?}");
        assert_eq!(ours.headers(), theirs.headers(), "{error:?}");
        assert_eq!(ours.body(), theirs.body(), "{error:?}");
    }
    read::check();
    serve::check();
    actix::check();
    let french = RenderContext::new().with_accept_language("fr");
    let seat = &localized_inputs("localized-struct")[0];
    let body = String::from_utf8(seat.to_response_with(&french).into_body()).unwrap();
    assert!(
        body.contains(r#""detail":"La place 12 de la classe math-101 est prise""#),
        "{body}"
    );
}

fn body<Env: Envelope>(error: &Wide) -> String {
    let mut out = Vec::new();
    Env::write_body(error, &RenderContext::new(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// What is done with an operation made ready once: repeated `runs` times after one warm run
/// (instruction counts), or timed by criterion.
pub trait Repeat {
    fn repeat(self, operation: impl FnMut());
}

impl Repeat for usize {
    fn repeat(self, mut operation: impl FnMut()) {
        for _ in 0..=self {
            operation();
        }
    }
}

/// One side of a criterion group.
struct Timed<'g, 'c> {
    group: &'g mut BenchmarkGroup<'c, WallTime>,
    side: &'static str,
}

impl Repeat for Timed<'_, '_> {
    fn repeat(self, mut operation: impl FnMut()) {
        self.group
            .bench_function(self.side, |b| b.iter(&mut operation));
    }
}

/// The operations timed by criterion: reading back and the middleware, whose bodies
/// `benches/envelopes.rs` times.
const TIMED: [&str; 16] = [
    "read-problem-unit",
    "read-problem-struct",
    "read-flat-unit",
    "read-flat-struct",
    "read-nested-unit",
    "read-nested-struct",
    "read-jsonapi-unit",
    "read-jsonapi-struct",
    "read-legacy-unit",
    "read-legacy-struct",
    "axum-ok",
    "axum-error",
    "axum-404",
    "actix-ok",
    "actix-error",
    "actix-404",
];

/// Times each operation of [`TIMED`] that starts with `prefix` on both sides.
fn wall(prefix: &str) {
    check();
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for operation in TIMED
        .into_iter()
        .filter(|operation| operation.starts_with(prefix))
    {
        let mut group = criterion.benchmark_group(operation);
        if operation.starts_with("actix-") {
            actix::time(&mut group, operation);
        } else {
            for (side, label) in [("hand", "hand-written"), ("errwire", "errwire")] {
                let timed = Timed {
                    group: &mut group,
                    side: label,
                };
                match operation.starts_with("read-") {
                    true => read::run(operation, side, timed),
                    false => serve::run(operation, side, timed),
                }
            }
        }
        group.finish();
    }
    criterion.final_summary();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|first| first == "wall") {
        // `cargo bench` adds `--bench`: any argument that is not a flag is the prefix.
        let prefix = args[1..].iter().find(|arg| !arg.starts_with('-'));
        wall(prefix.map_or("", String::as_str));
        return;
    }
    let [operation, side, runs] = args.as_slice() else {
        // `cargo bench` runs every bench binary without arguments: check, and stop.
        check();
        println!("instructions: both sides write the same bytes; run scripts/instructions.py");
        return;
    };
    if operation == "check" {
        check();
        return;
    }
    let count = || runs.parse().expect("a number of runs");
    if operation.starts_with("read-") {
        read::run(operation, side, count());
        return;
    }
    if operation.starts_with("actix-") {
        actix::run(operation, side, count());
        return;
    }
    if operation.starts_with("axum-") {
        serve::run(operation, side, count());
        return;
    }
    let errors = inputs(operation);
    let mut out = Vec::with_capacity(4096);
    // Warm: the first run grows nothing later runs could find missing.
    run(operation, side, &errors, &mut out);
    for _ in 0..runs.parse::<usize>().expect("a number of runs") {
        run(operation, side, &errors, &mut out);
    }
}
