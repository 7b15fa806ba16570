//! With the `tracing` feature: every error response is logged where it is sent (the
//! integrations), a 5xx at error level with the error's whole source chain (the text that never
//! reaches the body), a 4xx at debug level.

use core::fmt;

use crate::api_error::ApiError;
use crate::message::Message;

/// Logs the response of `error` that is being sent.
pub(crate) fn response<E: ApiError + ?Sized>(error: &E) {
    let status = error.status().as_u16();
    let code = error.code().map(tracing::field::display);
    let message = Message::new(error);
    match error.as_error() {
        Some(source) if status >= 500 => tracing::error!(
            status,
            code,
            %message,
            error = %Chain(source),
            "error response"
        ),
        Some(source) => {
            tracing::debug!(status, code, %message, error = %Chain(source), "error response")
        }
        None if status >= 500 => tracing::error!(status, code, %message, "error response"),
        None => tracing::debug!(status, code, %message, "error response"),
    }
}

/// An error and its sources, `outer: inner: innermost`.
struct Chain<'a>(&'a (dyn std::error::Error + 'static));

impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}
