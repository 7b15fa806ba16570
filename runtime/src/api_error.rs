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
pub trait ApiError: TypeCatalog {
    /// The catalog of this error's type: its envelope, its `type` URI prefix and one entry per
    /// variant, in declaration order. It is the one place each of these is named: the
    /// documentation page, the compatibility lock, OpenAPI, the client and the response all
    /// read it.
    fn catalog() -> &'static Catalog
    where
        Self: Sized;

    /// The HTTP status of the response, always a 4xx or 5xx.
    fn status(&self) -> http::StatusCode;

    /// The machine code, or `None` for an error the API publishes no code for.
    fn code(&self) -> Option<Code>;

    /// Writes the public message: the variant's template with its fields filled in.
    ///
    /// This is what the client reads, never the error's `Display` text.
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

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

    /// Whether a client retries the request that got this error: the variant's
    /// `#[api(retry = "...")]`, else [by status](crate::catalog::Retry::for_status).
    fn retry(&self) -> crate::catalog::Retry {
        crate::catalog::Retry::for_status(self.status())
    }

    /// The fields this error puts in the body, borrowed.
    fn details(&self) -> Details<'_> {
        Details::None
    }

    /// Adds this error's headers (static ones and those taken from fields) to `headers`.
    fn headers(&self, headers: &mut HeaderMap) {
        let _ = headers;
    }

    /// The envelope this error renders in: its type's, from the [`catalog`](Self::catalog)
    /// (`Problem` for a catalog without one). On a `Box<dyn ApiError>`, the envelope of the
    /// error inside.
    ///
    /// To render an error in another envelope, call that envelope:
    /// [`Flat::response(&error, &cx)`](crate::Envelope::response).
    fn envelope(&self) -> &'static dyn DynEnvelope {
        self.__type_catalog()
            .envelope
            .unwrap_or(<crate::Problem as crate::Envelope>::DYN)
    }

    /// The public message, as a value that implements `Display` and `Serialize`.
    ///
    /// On a trait object, [`Message::new(error)`](Message::new) does the same.
    fn message(&self) -> Message<'_, Self>
    where
        Self: Sized,
    {
        Message(self, 0)
    }

    /// The response in this error's [`envelope`](Self::envelope) for one request: status,
    /// headers, and the body with the request's values.
    ///
    /// `Box<dyn ApiError>` and `&dyn ApiError` have it too: `(&error).to_response_with(&cx)`.
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

    /// The public message when it is the same for every occurrence, so that envelopes write it
    /// without formatting; `None` otherwise. A cache of the catalog entry's
    /// `static_message`, for the derive; [`assert_impl`] checks that it is what
    /// [`fmt_message`](Self::fmt_message) writes.
    #[doc(hidden)]
    fn __static_message(&self) -> Option<&'static str> {
        None
    }

    /// The catalog of this error's type; a pointer's is the error's it points to.
    #[doc(hidden)]
    fn __type_catalog(&self) -> &'static Catalog {
        self.type_catalog()
    }

    /// The `type` URI prefix of the type: its catalog's.
    #[doc(hidden)]
    fn __type_base(&self) -> Option<&'static str> {
        self.__type_catalog().type_base
    }

    /// Writes the message in the locale at `locale` among the catalog's; `0` is the default.
    #[doc(hidden)]
    fn __fmt_message_in(&self, locale: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = locale;
        self.fmt_message(f)
    }

    /// [`__static_message`](Self::__static_message) in the locale at `locale`.
    #[doc(hidden)]
    fn __static_message_in(&self, locale: usize) -> Option<&'static str> {
        match locale {
            0 => self.__static_message(),
            _ => None,
        }
    }

    /// The whole `type` URI when it is known when compiling, so that envelopes need not join
    /// the prefix and the code: a cache of the catalog entry's `type_uri`, for the derive.
    #[doc(hidden)]
    fn __type_uri(&self) -> Option<&'static str> {
        None
    }

    /// The gRPC code and reason of this error: its catalog entry's, on a type with a gRPC
    /// [`domain`](Catalog::domain); `None` for one written by hand, whose code then comes from
    /// its status.
    #[doc(hidden)]
    fn __grpc(&self) -> Option<crate::grpc::Grpc> {
        None
    }

    /// Writes through `out` each value the message shows that is not a detail, by its field's
    /// name, formatted as the message formats it: what a gRPC status's `ErrorInfo` metadata
    /// carries beside the details (AIP-193). The derive writes it for a type with a domain.
    #[doc(hidden)]
    fn __message_values(&self, out: &mut dyn FnMut(&str, fmt::Arguments<'_>)) {
        let _ = out;
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
}

/// What every `ApiError` has, so that a trait object reaches its type's catalog: the trait's
/// static [`catalog`](ApiError::catalog) cannot be called on one. A supertrait of
/// `ApiError`, implemented for every sized one; not for users, since on a `Box<dyn ApiError>`
/// it is the box's own (empty) catalog, where `ApiError`'s methods reach the error inside.
pub trait TypeCatalog {
    /// The catalog of the type of `self`.
    fn type_catalog(&self) -> &'static Catalog;
}

impl<E: ApiError> TypeCatalog for E {
    fn type_catalog(&self) -> &'static Catalog {
        E::catalog()
    }
}

macro_rules! forward_api_error {
    ($($pointer:ty),*) => {$(
        /// The error it points to; its static [`catalog`](ApiError::catalog) is empty, since the
        /// error behind it may be of any type.
        impl<E: ApiError + ?Sized> ApiError for $pointer {
            fn catalog() -> &'static Catalog {
                &Catalog::EMPTY
            }

            fn status(&self) -> http::StatusCode {
                (**self).status()
            }

            fn code(&self) -> Option<Code> {
                (**self).code()
            }

            fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).fmt_message(f)
            }

            fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
                (**self).as_error()
            }

            fn title(&self) -> Option<&'static str> {
                (**self).title()
            }

            fn retry(&self) -> crate::catalog::Retry {
                (**self).retry()
            }

            fn details(&self) -> Details<'_> {
                (**self).details()
            }

            fn headers(&self, headers: &mut HeaderMap) {
                (**self).headers(headers)
            }

            // Every method is forwarded, those with a default that reads another too: an impl
            // may override either (the documentation page's examples override `envelope` and
            // `__type_base`, and have no catalog).
            fn envelope(&self) -> &'static dyn DynEnvelope {
                (**self).envelope()
            }

            fn __type_catalog(&self) -> &'static Catalog {
                (**self).__type_catalog()
            }

            fn __type_base(&self) -> Option<&'static str> {
                (**self).__type_base()
            }

            fn __static_message(&self) -> Option<&'static str> {
                (**self).__static_message()
            }

            fn __fmt_message_in(&self, locale: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (**self).__fmt_message_in(locale, f)
            }

            fn __static_message_in(&self, locale: usize) -> Option<&'static str> {
                (**self).__static_message_in(locale)
            }

            fn __type_uri(&self) -> Option<&'static str> {
                (**self).__type_uri()
            }

            fn __grpc(&self) -> Option<crate::grpc::Grpc> {
                (**self).__grpc()
            }

            fn __message_values(&self, out: &mut dyn FnMut(&str, fmt::Arguments<'_>)) {
                (**self).__message_values(out)
            }
        }
    )*};
}

forward_api_error!(&E, Box<E>, std::sync::Arc<E>);

/// Panics, with a message saying what to fix, if `error` breaks a rule of [`ApiError`] that the
/// compiler cannot check in a hand-written impl: its status must be a 4xx or 5xx, and the
/// status and code must be those of an entry of its type's [`catalog`](ApiError::catalog), if
/// that lists any. Call it in a test on a value of each variant.
///
/// ```should_panic
/// use core::fmt;
/// use errwire::catalog::{Catalog, CatalogEntry};
/// use errwire::http::StatusCode;
/// use errwire::{ApiError, Code, Envelope, Problem};
///
/// struct Teapot;
///
/// impl ApiError for Teapot {
///     fn catalog() -> &'static Catalog {
///         const ENTRIES: &[CatalogEntry] = &[CatalogEntry::new("Teapot", StatusCode::IM_A_TEAPOT)];
///         const CATALOG: &Catalog = &Catalog::new("Teapot", Problem::DYN).with_entries(ENTRIES);
///         CATALOG
///     }
///     fn status(&self) -> StatusCode {
///         StatusCode::IM_A_TEAPOT
///     }
///     fn code(&self) -> Option<Code> {
///         Some(Code::Str("teapot")) // not the code of the entry, which has none
///     }
///     fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         f.write_str("I'm a teapot")
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
    let code = error.code();
    let catalog = error.__type_catalog();
    let listed = catalog.entries.iter().any(|entry| {
        entry.forwards_to.is_some() || (entry.status == Some(status) && entry.code == code)
    });
    assert!(
        listed || catalog.entries.is_empty(),
        "ApiError::status and code ({status}, {code:?}) are those of no entry of the catalog of {:?}; add an entry for them, or return those of an entry",
        catalog.name
    );
    if let Some(fixed) = error.__static_message() {
        let written = Message::new(error).to_string();
        assert_eq!(
            written, fixed,
            "ApiError::__static_message disagrees with fmt_message; return None from it, or the text fmt_message writes"
        );
    }
}
