//! With the `tracing` feature: every error response is logged where it is sent (the
//! integrations), once it is built, with the status it goes out with: a 5xx at error level with
//! the error's whole source chain (the text that never reaches the body), a 4xx at debug level,
//! and an error whose body failed to serialize (sent as the failsafe 500) at error level. Control characters in that text are escaped, so that
//! no terminal sequence or forged line from a request reaches a log.

use core::fmt;

use crate::api_error::ApiError;
use crate::message::Message;

/// Logs the response of `error` that is being sent, with the status it went out with: a body
/// that failed to serialize went out as the envelope's failsafe 500, whatever `error` says.
pub(crate) fn response<E: ApiError + ?Sized>(error: &E, sent: http::StatusCode) {
    let status = sent.as_u16();
    let code = error.code().map(tracing::field::display);
    let message = Escaped(Message::new(error));
    if sent != error.status() {
        let declared = error.status().as_u16();
        let source = error
            .as_error()
            .map(|source| Escaped(Chain(source)).to_string());
        tracing::error!(
            status,
            declared,
            code,
            %message,
            error = source,
            "error response: its body failed to serialize, so the failsafe 500 was sent"
        );
        return;
    }
    match error.as_error() {
        Some(source) if status >= 500 => tracing::error!(
            status,
            code,
            %message,
            error = %Escaped(Chain(source)),
            "error response"
        ),
        Some(source) => {
            tracing::debug!(status, code, %message, error = %Escaped(Chain(source)), "error response")
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

/// Text with its control characters written as escapes: `\u{1b}`, `\n`.
struct Escaped<T>(T);

impl<T: fmt::Display> fmt::Display for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::write(&mut EscapeControls(f), format_args!("{}", self.0))
    }
}

struct EscapeControls<'a, 'f>(&'a mut fmt::Formatter<'f>);

impl fmt::Write for EscapeControls<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for part in text.split_inclusive(char::is_control) {
            let mut chars = part.chars();
            match chars.next_back() {
                Some(control) if control.is_control() => {
                    self.0.write_str(chars.as_str())?;
                    write!(self.0, "{}", control.escape_debug())?;
                }
                _ => self.0.write_str(part)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Escaped;

    #[test]
    fn control_characters_are_escaped() {
        let text = "\u{1b}[31mred\u{1b}[0m\nforged line\r\u{7f}\u{85}é";
        assert_eq!(
            Escaped(text).to_string(),
            "\\u{1b}[31mred\\u{1b}[0m\\nforged line\\r\\u{7f}\\u{85}é"
        );
    }
}
