//! The output of the derive and of `envelope!` names everything by absolute path: shadowing the
//! prelude breaks nothing.
#![no_implicit_prelude]
#![allow(dead_code, non_camel_case_types)]

extern crate errwire;
extern crate std;

struct Result;
struct Ok;
struct Err;
struct Option;
struct Some;
struct None;
struct String;
struct Box;
struct Vec;
struct StatusCode;
struct http;
struct serde;
struct core;

#[derive(errwire::ApiError)]
#[api(envelope = errwire::Problem, rename_all = "snake_case", type_base = "https://e.example/", header(X-Api = "1"), domain = "e.example")]
enum Shadowed<'a, T: std::fmt::Display> {
    #[api(status = 404, message = "Room {0} not found")]
    NotFound(&'a str),
    #[api(
        status = 429,
        title = "Slow down",
        message = "Retry after {retry_after} seconds"
    )]
    RateLimited {
        #[api(detail, header = "Retry-After")]
        retry_after: u64,
    },
    #[api(status = 422, grpc = "INVALID_ARGUMENT", message = "Bad {value}")]
    Invalid {
        #[api(detail)]
        value: T,
    },
    #[api(transparent)]
    Forwarded(Inner),
}

#[derive(errwire::ApiError)]
#[api(envelope = Wrapped, status = 503, code = "busy")]
struct Inner;

errwire::envelope! {
    /// An envelope declared with the prelude shadowed.
    pub struct Wrapped {
        "error": {"code": code?, "message": message, "status": status as string},
        "list": [1, -1, 1.5, true, null, "text", request_id | null],
        ..details,
    }
}

#[test]
fn derives_with_the_prelude_shadowed() {
    use errwire::ApiError as _;
    let error: Shadowed<'_, u8> = Shadowed::RateLimited { retry_after: 3 };
    let response = error.to_response();
    std::assert_eq!(response.status().as_u16(), 429);
    std::assert_eq!(response.headers()["retry-after"], "3");
    std::assert_eq!(response.headers()["x-api"], "1");
    let forwarded: Shadowed<'_, u8> = Shadowed::Forwarded(Inner);
    std::assert_eq!(forwarded.status().as_u16(), 503);
    let status = errwire::tonic::status(&Shadowed::<'_, u8>::NotFound("math-101"));
    std::assert_eq!(status.code(), errwire::__private::tonic::Code::NotFound);
    std::assert_eq!(status.message(), "Room math-101 not found");
    std::assert_eq!(
        Inner.to_response().body().as_slice(),
        br#"{"error":{"code":"busy","message":"Service Unavailable","status":"503"},"list":[1,-1,1.5,true,null,"text",null]}"#
    );
}
