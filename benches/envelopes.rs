//! errwire's serialization against a hand-written `impl Serialize` of the same body, for a unit
//! variant and a three-field struct variant, in `Problem` and `Flat`.
//!
//! Run `cargo bench --bench envelopes`, then `python3 scripts/bench_ratios.py` for the ratios.

use std::fmt;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use errwire::{ApiError, Envelope, Flat, Problem, RenderContext};
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case")]
enum RoomError {
    #[api(status = 404, message = "Classroom not found")]
    NotFound,
    #[api(
        status = 429,
        message = "Room {room} is busy; retry after {retry_after} seconds"
    )]
    Busy {
        #[api(detail)]
        room: &'static str,
        #[api(detail, header = "Retry-After")]
        retry_after: u64,
        #[api(detail)]
        attempts: u32,
    },
}

/// What a careful author writes by hand: the same members, the message formatted straight into
/// the serializer, nothing collected.
struct HandProblem<'a>(&'a RoomError);
struct HandFlat<'a>(&'a RoomError);

struct BusyMessage<'a> {
    room: &'a str,
    retry_after: u64,
}

impl fmt::Display for BusyMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Room {} is busy; retry after {} seconds",
            self.room, self.retry_after
        )
    }
}

impl Serialize for HandProblem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", "about:blank")?;
        match *self.0 {
            RoomError::NotFound => {
                map.serialize_entry("title", "Not Found")?;
                map.serialize_entry("status", &404u16)?;
                map.serialize_entry("detail", "Classroom not found")?;
                map.serialize_entry("code", "not_found")?;
            }
            RoomError::Busy {
                room,
                retry_after,
                attempts,
            } => {
                map.serialize_entry("title", "Too Many Requests")?;
                map.serialize_entry("status", &429u16)?;
                map.serialize_key("detail")?;
                map.serialize_value(&Collected(BusyMessage { room, retry_after }))?;
                map.serialize_entry("code", "busy")?;
                map.serialize_entry("room", room)?;
                map.serialize_entry("retry_after", &retry_after)?;
                map.serialize_entry("attempts", &attempts)?;
            }
        }
        map.end()
    }
}

impl Serialize for HandFlat<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match *self.0 {
            RoomError::NotFound => {
                map.serialize_entry("error", "not_found")?;
                map.serialize_entry("message", "Classroom not found")?;
            }
            RoomError::Busy {
                room,
                retry_after,
                attempts,
            } => {
                map.serialize_entry("error", "busy")?;
                map.serialize_entry("message", &Collected(BusyMessage { room, retry_after }))?;
                map.serialize_entry(
                    "details",
                    &BusyDetails {
                        room,
                        retry_after,
                        attempts,
                    },
                )?;
            }
        }
        map.end()
    }
}

struct BusyDetails<'a> {
    room: &'a str,
    retry_after: u64,
    attempts: u32,
}

impl Serialize for BusyDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("room", self.room)?;
        map.serialize_entry("retry_after", &self.retry_after)?;
        map.serialize_entry("attempts", &self.attempts)?;
        map.end()
    }
}

/// A `Display` value serialized as a string without a `String` in between.
struct Collected<T>(T);

impl<T: fmt::Display> Serialize for Collected<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

fn errwire_body<Env: Envelope>(error: &RoomError, out: &mut Vec<u8>) {
    out.clear();
    Env::write_body(error, &RenderContext::new(), out).unwrap();
}

fn hand_body(value: &impl Serialize, out: &mut Vec<u8>) {
    out.clear();
    serde_json::to_writer(&mut *out, value).unwrap();
}

fn compare<Env: Envelope, H: Serialize>(
    c: &mut Criterion,
    name: &str,
    error: &RoomError,
    hand: &H,
) {
    let mut ours = Vec::with_capacity(512);
    let mut theirs = Vec::with_capacity(512);
    errwire_body::<Env>(error, &mut ours);
    hand_body(hand, &mut theirs);
    assert_eq!(
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs),
        "both sides write the same body"
    );

    let mut group = c.benchmark_group(name);
    group.bench_function("errwire", |b| {
        b.iter(|| errwire_body::<Env>(black_box(error), &mut ours));
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| hand_body(black_box(hand), &mut theirs));
    });
    group.finish();
}

fn envelopes(c: &mut Criterion) {
    let unit = RoomError::NotFound;
    let busy = RoomError::Busy {
        room: "math-101",
        retry_after: 30,
        attempts: 3,
    };
    compare::<Problem, _>(c, "problem-unit", &unit, &HandProblem(&unit));
    compare::<Problem, _>(c, "problem-struct", &busy, &HandProblem(&busy));
    compare::<Flat, _>(c, "flat-unit", &unit, &HandFlat(&unit));
    compare::<Flat, _>(c, "flat-struct", &busy, &HandFlat(&busy));
}

criterion_group!(benches, envelopes);
criterion_main!(benches);
