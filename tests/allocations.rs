//! Serializing an error body into a buffer that already has room allocates nothing: the message
//! is formatted into the output, the details are borrowed, the template is a `const`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;

use errwire::{ApiError, Envelope, Flat, JsonApi, Nested, Problem, RenderContext};

#[path = "it/apis/mod.rs"]
mod apis;

use apis::{gateway, server, verilock, verriflo, verto};

/// Counts the allocations of the current thread; other test threads do not disturb the count.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static REALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's obligations are those of `System.alloc`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        REALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's obligations are those of `System.realloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn reallocations_of(f: impl FnOnce()) -> usize {
    let before = REALLOCATIONS.with(Cell::get);
    f();
    REALLOCATIONS.with(Cell::get) - before
}

fn allocations_of(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case", type_base = "https://errors.example.com/")]
enum RoomError {
    #[api(status = 404, message = "Classroom not found")]
    NotFound,
    #[api(
        status = 429,
        message = "Room {room} is busy; retry after {retry_after} seconds ({attempts} attempts)"
    )]
    Busy {
        #[api(detail)]
        room: &'static str,
        #[api(detail, header = "Retry-After")]
        retry_after: u64,
        #[api(detail)]
        attempts: u32,
    },
    #[api(status = 422, message = "The given data was invalid.")]
    Invalid(#[api(details)] BTreeMap<&'static str, Vec<&'static str>>),
}

fn assert_no_allocation<Env: Envelope>(error: &RoomError) {
    let cx = RenderContext::new()
        .with_request_id("req-1")
        .with_instance("/rooms/a");
    let mut buffer = Vec::with_capacity(4096);
    Env::write_body(error, &cx, &mut buffer).unwrap();
    let written = buffer.len();
    buffer.clear();
    let count = allocations_of(|| Env::write_body(error, &cx, &mut buffer).unwrap());
    assert_eq!(buffer.len(), written, "the same body is written again");
    assert_eq!(
        count,
        0,
        "{} allocated {count} times for {error:?}",
        std::any::type_name::<Env>()
    );
}

#[test]
fn serializing_into_a_reused_buffer_allocates_nothing() {
    let errors = [
        RoomError::NotFound,
        RoomError::Busy {
            room: "math-101",
            retry_after: 30,
            attempts: 3,
        },
        RoomError::Invalid(BTreeMap::from([("name", vec!["The name is required."])])),
    ];
    for error in &errors {
        assert_no_allocation::<Problem>(error);
        assert_no_allocation::<Flat>(error);
        assert_no_allocation::<Nested>(error);
        assert_no_allocation::<JsonApi>(error);
    }
}

#[test]
fn the_counter_sees_an_allocation() {
    // Guards the test above: a counter that never counts would pass it.
    let count = allocations_of(|| drop(std::hint::black_box(String::from("x").repeat(64))));
    assert!(count >= 1);
}

/// A response's body is allocated once, with room for what the APIs here send: it never grows.
#[test]
fn a_response_allocates_its_body_once() {
    let cx = RenderContext::new()
        .with_request_id("0f9c2b7e-8a51-4d3c-9e2f-6b1a7c4d5e80")
        .with_instance("/rooms/math-101/participants/ada-lovelace");
    fn boxed<E: ApiError + 'static>(errors: Vec<E>) -> impl Iterator<Item = Box<dyn ApiError>> {
        errors
            .into_iter()
            .map(|error| Box::new(error) as Box<dyn ApiError>)
    }
    let errors: Vec<Box<dyn ApiError>> = boxed(server::errors())
        .chain(boxed(verriflo::errors()))
        .chain(boxed(verilock::errors()))
        .chain(boxed(gateway::errors()))
        .chain(boxed(verto::errors()))
        .collect();
    let mut longest = 0;
    for error in &errors {
        let mut length = 0;
        let count = reallocations_of(|| {
            length = error.envelope().response(&**error, &cx).body().len();
        });
        longest = longest.max(length);
        assert_eq!(
            count,
            0,
            "a body of {length} bytes grew: {}",
            error.status()
        );
    }
    assert!(
        longest > 256,
        "the longest body, {longest} bytes, is longer than a guess of 256"
    );
}
