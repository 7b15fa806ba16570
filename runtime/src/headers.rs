//! Header values taken from error fields: delays as delay-seconds, instants as HTTP-dates,
//! anything else through `Display`; a value that is not a valid header value is left out.

use core::fmt::{self, Write as _};
use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, HeaderValue};

/// Converts a field's value into the value of a response header.
///
/// Integers and [`Duration`]s become delay-seconds (`Retry-After: 30`, a partial second rounding
/// up), a [`SystemTime`] becomes an HTTP-date (`Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`),
/// strings are sent as they are. `#[api(header = "...")]` on a field of any other type uses its
/// `Display` text instead; on a field whose type is a type parameter it requires this trait.
/// `None` means the value cannot be a header value (a negative delay, a control character): the
/// header is then left out of the response.
pub trait ToHeaderValue {
    /// The header value, or `None` when there is none to send.
    fn to_header_value(&self) -> Option<HeaderValue>;
}

macro_rules! delay_seconds {
    ($($int:ty)*) => {$(
        impl ToHeaderValue for $int {
            fn to_header_value(&self) -> Option<HeaderValue> {
                u64::try_from(*self).ok().map(HeaderValue::from)
            }
        }
    )*};
}

delay_seconds!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize);

impl ToHeaderValue for Duration {
    fn to_header_value(&self) -> Option<HeaderValue> {
        let whole = self.as_secs();
        let seconds = if self.subsec_nanos() > 0 {
            whole.saturating_add(1)
        } else {
            whole
        };
        Some(HeaderValue::from(seconds))
    }
}

impl ToHeaderValue for SystemTime {
    fn to_header_value(&self) -> Option<HeaderValue> {
        HeaderValue::try_from(httpdate::fmt_http_date(*self)).ok()
    }
}

impl<T: ToHeaderValue + ?Sized> ToHeaderValue for &T {
    fn to_header_value(&self) -> Option<HeaderValue> {
        (**self).to_header_value()
    }
}

impl ToHeaderValue for str {
    fn to_header_value(&self) -> Option<HeaderValue> {
        HeaderValue::try_from(self).ok()
    }
}

impl ToHeaderValue for String {
    fn to_header_value(&self) -> Option<HeaderValue> {
        HeaderValue::try_from(self.as_str()).ok()
    }
}

impl<T: ToHeaderValue> ToHeaderValue for Option<T> {
    fn to_header_value(&self) -> Option<HeaderValue> {
        self.as_ref().and_then(T::to_header_value)
    }
}

/// The header value of any `Display` type: its text, if that is a valid header value.
pub fn display_header_value<T: fmt::Display + ?Sized>(value: &T) -> Option<HeaderValue> {
    // Not `to_string()`: it panics when a `Display` impl returns an error.
    let mut text = String::new();
    write!(text, "{value}").ok()?;
    HeaderValue::try_from(text).ok()
}

/// Inserts `value` under `name`, or leaves the header out when there is no valid value.
#[doc(hidden)]
pub fn insert(headers: &mut HeaderMap, name: HeaderName, value: Option<HeaderValue>) {
    match value {
        Some(value) => {
            headers.insert(name, value);
        }
        None => dropped(&name),
    }
}

/// Logs, with the `tracing` feature, that the header `name` was left out.
#[cold]
pub(crate) fn dropped(name: &HeaderName) {
    #[cfg(feature = "tracing")]
    tracing::warn!(header = %name, "header left out of an error response: its value is not a valid header value");
    #[cfg(not(feature = "tracing"))]
    let _ = name;
}
