//! The public message of an error, rendered from its template on demand.

use core::fmt;

use serde::{Serialize, Serializer};

use crate::api_error::ApiError;

/// The public message of an error: formats through [`ApiError::fmt_message`] each time it is
/// displayed or serialized, so it never needs a `String` of its own.
///
/// Returned by [`ApiError::message`].
pub struct Message<'a, E: ?Sized>(pub(crate) &'a E);

impl<'a, E: ApiError + ?Sized> Message<'a, E> {
    /// The message of `error`; for envelopes generic over unsized errors, where
    /// [`ApiError::message`] is not available.
    pub fn new(error: &'a E) -> Self {
        Message(error)
    }
}

impl<E: ApiError + ?Sized> fmt::Display for Message<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }
}

impl<E: ApiError + ?Sized> fmt::Debug for Message<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Message")
            .field(&format_args!("{self}"))
            .finish()
    }
}

impl<E: ApiError + ?Sized> Serialize for Message<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.static_message() {
            Some(message) => serializer.serialize_str(message),
            None => serializer.collect_str(self),
        }
    }
}
