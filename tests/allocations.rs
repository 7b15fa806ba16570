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

/// A body in the type's own envelope is read back allocating what the value owns and no more:
/// nothing for a variant without fields and a fixed message, the variant's strings and the
/// message written with them otherwise.
#[test]
fn reading_a_body_back_allocates_what_the_value_owns() {
    use errwire::client::{FromResponse, Received};

    #[derive(Debug, ApiError)]
    #[api(envelope = Flat)]
    enum SeatError {
        #[api(status = 404, code = "no_room", message = "No such room")]
        NoRoom,
        #[api(
            status = 409,
            code = "seat_taken",
            message = "Seat {seat} of room {room} is taken"
        )]
        SeatTaken {
            #[api(detail)]
            room: String,
            #[api(detail)]
            seat: u64,
            #[api(detail)]
            note: Option<String>,
        },
    }

    let seat = SeatError::SeatTaken {
        room: "math-101".into(),
        seat: 14,
        note: Some("by the window".into()),
    };
    // The room, the note, and the message with the seat and room in it.
    for (error, owned) in [(SeatError::NoRoom, 0), (seat, 3)] {
        let sent = error.to_response();
        let mut received = None;
        let count = allocations_of(|| {
            received = Some(SeatError::from_response(
                sent.status(),
                sent.headers(),
                sent.body(),
            ));
        });
        let Some(Received::Known(again, _)) = received else {
            panic!("{error:?} not read back: {received:?}");
        };
        assert_eq!(format!("{again:?}"), format!("{error:?}"));
        assert_eq!(count, owned, "{error:?}");
    }
}

/// A request the middleware passes through allocates what it does behind a pass-through
/// middleware: the middleware keeps handles on the request's id, language and path, which a
/// server's parser makes as slices of its read buffer, shared by a clone.
#[test]
fn the_middleware_allocates_nothing_on_a_success() {
    use axum::extract::Request;
    use axum::middleware::{self, Next};
    use tower_service::Service;

    async fn pass(request: Request, next: Next) -> axum::response::Response {
        next.run(request).await
    }

    let head = bytes::Bytes::from(b"/rooms/math-101req-42fr, en;q=0.5".to_vec());
    let _shared = head.clone();
    let request = || {
        Request::builder()
            .uri(http::Uri::from_maybe_shared(head.slice(0..15)).unwrap())
            .header(
                "x-request-id",
                http::HeaderValue::from_maybe_shared(head.slice(15..21)).unwrap(),
            )
            .header(
                "accept-language",
                http::HeaderValue::from_maybe_shared(head.slice(21..)).unwrap(),
            )
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let routes =
        || axum::Router::new().route("/rooms/{id}", axum::routing::get(|| async { "room" }));
    let mut theirs = routes().layer(middleware::from_fn(pass));
    let mut ours = routes().layer(middleware::from_fn(
        errwire::axum::envelope_errors::<Problem>,
    ));
    let count = |router: &mut axum::Router| {
        // Warm: the first request sets up what later ones reuse.
        runtime.block_on(router.call(request())).unwrap();
        let request = request();
        allocations_of(|| {
            let response = runtime.block_on(router.call(request)).unwrap();
            assert_eq!(response.status(), 200);
        })
    };
    let (theirs, ours) = (count(&mut theirs), count(&mut ours));
    assert_eq!(
        ours, theirs,
        "a pass-through middleware allocates {theirs} times"
    );
}

/// The same of actix-web's middleware: a success passes through with the allocations of a
/// pass-through `from_fn`, its body not boxed.
#[test]
fn the_actix_web_middleware_allocates_nothing_on_a_success() {
    use actix_web::body::MessageBody;
    use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
    use actix_web::middleware::{Next, from_fn};
    use actix_web::{App, test, web};

    async fn pass(
        request: ServiceRequest,
        next: Next<impl MessageBody>,
    ) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
        next.call(request).await
    }

    // Slices of one shared buffer, as actix-web's parser makes a request's path and values.
    let head = bytes::Bytes::from(b"/rooms/math-101req-42fr, en;q=0.5".to_vec());
    let _shared = head.clone();
    let request = || {
        let value = |range| {
            actix_web::http::header::HeaderValue::from_maybe_shared(head.slice(range)).unwrap()
        };
        let mut request = test::TestRequest::get()
            .insert_header(("x-request-id", value(15..21)))
            .insert_header(("accept-language", value(21..head.len())))
            .to_request();
        request.head_mut().uri =
            actix_web::http::Uri::from_maybe_shared(head.slice(0..15)).unwrap();
        request
    };
    let system = actix_web::rt::System::new();
    let count = |app: &dyn Fn(actix_http::Request) -> u16| {
        // Warm: the first request sets up what later ones reuse.
        app(request());
        let request = request();
        allocations_of(|| assert_eq!(app(request), 200))
    };
    let routes = || App::new().route("/rooms/{id}", web::get().to(|| async { "room" }));
    let theirs = system.block_on(test::init_service(routes().wrap(from_fn(pass))));
    let ours = system.block_on(test::init_service(
        routes().wrap(from_fn(errwire::actix::envelope_errors::<Problem, _>)),
    ));
    let theirs = count(&|request| {
        let response = system.block_on(theirs.call(request)).unwrap();
        response.status().as_u16()
    });
    let ours = count(&|request| {
        let response = system.block_on(ours.call(request)).unwrap();
        response.status().as_u16()
    });
    assert_eq!(
        ours, theirs,
        "a pass-through middleware allocates {theirs} times"
    );
}
