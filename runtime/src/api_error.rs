//! The `ApiError` trait: every fact of an error that goes on the wire, and the one hook that
//! names the envelope its type renders in.

use core::fmt;

use http::{HeaderMap, Response};

use crate::catalog::Catalog;
use crate::code::Code;
use crate::context::RenderContext;
use crate::details::{Details, Entries};
use crate::envelope::DynEnvelope;
use crate::message::Message;

/// An error that knows how it is answered over HTTP.
///
/// Derive it with [`#[derive(errwire::ApiError)]`](derive@crate::ApiError); the crate
/// documentation lists the attributes, and says how to implement it by hand. Every method is
/// cheap: `status` and `code` are a `match`, the message is written straight into the formatter,
/// details are borrowed.
///
/// The trait is dyn-compatible: `Box<dyn ApiError + Send + Sync>` is itself an `ApiError`, and
/// renders in the envelope of the error inside it:
///
/// ```
/// use errwire::ApiError as _;
///
/// #[derive(Debug, errwire::ApiError)]
/// #[api(envelope = errwire::Flat, status = 404, code = "no_room")]
/// struct NoRoom;
///
/// let boxed: Box<dyn errwire::ApiError + Send + Sync> = Box::new(NoRoom);
/// assert_eq!(boxed.to_response().body(), br#"{"error":"no_room","message":"Not Found"}"#);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `errwire::ApiError`",
    label = "not an `ApiError`",
    note = "derive it with `#[derive(errwire::ApiError)]`, or implement it by hand"
)]
pub trait ApiError {
    /// The HTTP status of the response, always a 4xx or 5xx.
    fn status(&self) -> http::StatusCode;

    /// The machine code, or `None` for an error the API publishes no code for.
    fn code(&self) -> Option<Code>;

    /// Writes the public message: the variant's template with its fields filled in.
    ///
    /// This is what the client reads, never the error's `Display` text.
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The envelope this error's type renders in: `Problem::DYN`, `Flat::DYN`, ...
    ///
    /// It is the one method that is not a fact of the error. It is on the trait so that a
    /// `Box<dyn ApiError>` renders in its own type's envelope; to render an error in another
    /// envelope, call that envelope: [`Flat::response(&error, &cx)`](crate::Envelope::response).
    fn envelope(&self) -> &'static dyn DynEnvelope;

    /// The public message, as a value that implements `Display` and `Serialize`.
    ///
    /// On a trait object, [`Message::new(error)`](Message::new) does the same.
    fn message(&self) -> Message<'_, Self>
    where
        Self: Sized,
    {
        Message(self)
    }

    /// The public message when it is the same for every occurrence (its template names no
    /// field), so that envelopes can write it without formatting; `None` otherwise.
    ///
    /// When `Some`, it must be exactly what [`fmt_message`](Self::fmt_message) writes:
    /// [`assert_impl`](crate::assert_impl) tests that.
    fn static_message(&self) -> Option<&'static str> {
        None
    }

    /// This error as a `std::error::Error`, if it is one: its `Display` text and its source
    /// chain, which never go into a body, are what the `tracing` feature logs.
    ///
    /// The derive returns `Some` for a type that implements `std::error::Error + 'static`.
    fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }

    /// A short summary of the kind of problem, stable across occurrences.
    fn title(&self) -> Option<&'static str> {
        None
    }

    /// The prefix of the RFC 9457 problem type URI; the code is appended to it.
    fn type_base(&self) -> Option<&'static str> {
        None
    }

    /// The RFC 9457 problem type URI, [`type_base`](Self::type_base) followed by the code, when
    /// both are known when compiling: the derive writes each as one string, so that envelopes
    /// need not join them. `None` makes envelopes join them.
    fn type_uri(&self) -> Option<&'static str> {
        None
    }

    /// Whether a client retries the request that got this error: the variant's
    /// `#[api(retry = "...")]`, else [by status](crate::catalog::Retry::for_status).
    fn retry(&self) -> crate::catalog::Retry {
        crate::catalog::Retry::for_status(self.status())
    }

    /// The fields this error puts in the body, borrowed.
    fn details(&self) -> Details<'_> {
        Details::None
    }

    /// Writes the details into `entries`, each entry by its own type: the derive writes a call
    /// per detail; otherwise they come from [`details`](Self::details). Envelopes call it on
    /// the concrete type, so a trait object's details go through `details`.
    #[doc(hidden)]
    fn __write_details<W: Entries>(&self, entries: &mut W) -> Result<(), W::Error>
    where
        Self: Sized,
    {
        entries.details(&self.details())
    }

    /// Adds this error's headers (static ones and those taken from fields) to `headers`.
    fn headers(&self, headers: &mut HeaderMap) {
        let _ = headers;
    }

    /// The response in this error's [`envelope`](Self::envelope) for one request: status,
    /// headers, and the body with the request's values.
    ///
    /// `Box<dyn ApiError>` has it too; on a `&dyn ApiError`, write
    /// `error.envelope().response(error, &cx)`.
    fn to_response_with(&self, cx: &RenderContext<'_>) -> Response<Vec<u8>>
    where
        Self: Sized,
    {
        self.envelope().response(self, cx)
    }

    /// The response without per-request values; see [`to_response_with`](Self::to_response_with).
    fn to_response(&self) -> Response<Vec<u8>>
    where
        Self: Sized,
    {
        self.to_response_with(&RenderContext::new())
    }

    /// The type's catalog, for its documentation page and compatibility lock: one entry per
    /// variant, in declaration order; empty unless the type derives or writes one.
    fn catalog() -> &'static Catalog
    where
        Self: Sized,
    {
        &Catalog::EMPTY
    }
}

macro_rules! forward_api_error {
    ($($pointer:ty),*) => {$(
        impl<E: ApiError + ?Sized> ApiError for $pointer {
            fn status(&self) -> http::StatusCode {
                (**self).status()
            }

            fn code(&self) -> Option<Code> {
                (**self).code()
            }

            fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).fmt_message(f)
            }

            fn envelope(&self) -> &'static dyn DynEnvelope {
                (**self).envelope()
            }

            fn static_message(&self) -> Option<&'static str> {
                (**self).static_message()
            }

            fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
                (**self).as_error()
            }

            fn title(&self) -> Option<&'static str> {
                (**self).title()
            }

            fn type_base(&self) -> Option<&'static str> {
                (**self).type_base()
            }

            fn retry(&self) -> crate::catalog::Retry {
                (**self).retry()
            }

            fn type_uri(&self) -> Option<&'static str> {
                (**self).type_uri()
            }

            fn details(&self) -> Details<'_> {
                (**self).details()
            }

            fn headers(&self, headers: &mut HeaderMap) {
                (**self).headers(headers)
            }
        }
    )*};
}

forward_api_error!(&E, Box<E>, std::sync::Arc<E>);

/// Panics, with a message saying what to fix, if `error` breaks a rule of [`ApiError`] that the
/// compiler cannot check in a hand-written impl: its status must be a 4xx or 5xx, and its
/// [`static_message`](ApiError::static_message), when `Some`, must be what
/// [`fmt_message`](ApiError::fmt_message) writes. Call it in a test on a value of each variant.
///
/// ```should_panic
/// use core::fmt;
/// use errwire::{ApiError, Code, Envelope, Problem};
/// use errwire::envelope::DynEnvelope;
///
/// struct Teapot;
///
/// impl ApiError for Teapot {
///     fn status(&self) -> errwire::http::StatusCode {
///         errwire::http::StatusCode::IM_A_TEAPOT
///     }
///     fn code(&self) -> Option<Code> {
///         None
///     }
///     fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         f.write_str("I'm a teapot")
///     }
///     fn static_message(&self) -> Option<&'static str> {
///         Some("I am a teapot") // not what fmt_message writes
///     }
///     fn envelope(&self) -> &'static dyn DynEnvelope {
///         Problem::DYN
///     }
/// }
///
/// errwire::assert_impl(&Teapot);
/// ```
pub fn assert_impl<E: ApiError + ?Sized>(error: &E) {
    let status = error.status();
    assert!(
        status.is_client_error() || status.is_server_error(),
        "ApiError::status is {status}, not an error status; return a 4xx or 5xx"
    );
    if let Some(fixed) = error.static_message() {
        let written = Message::new(error).to_string();
        assert_eq!(
            written, fixed,
            "ApiError::static_message disagrees with fmt_message; return None from static_message, or the text fmt_message writes"
        );
    }
}
