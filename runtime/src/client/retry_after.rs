//! `Retry-After` (RFC 9110, section 10.2.3): delay-seconds or an HTTP-date.

use std::time::{Duration, SystemTime};

use http::HeaderValue;

/// When a server asks to be called again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: 120`: this long after the response.
    Delay(Duration),
    /// `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`: at this time.
    At(SystemTime),
}

impl RetryAfter {
    /// Reads a header value in either form; `None` for anything else (a negative or fractional
    /// number, a date in another format, text that is not ASCII).
    ///
    /// ```
    /// use std::time::Duration;
    /// use errwire::client::RetryAfter;
    /// use errwire::http::HeaderValue;
    ///
    /// let delay = RetryAfter::parse(&HeaderValue::from_static("120"));
    /// assert_eq!(delay, Some(RetryAfter::Delay(Duration::from_secs(120))));
    /// assert!(RetryAfter::parse(&HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT")).is_some());
    /// assert_eq!(RetryAfter::parse(&HeaderValue::from_static("soon")), None);
    /// ```
    pub fn parse(value: &HeaderValue) -> Option<RetryAfter> {
        let text = value.to_str().ok()?.trim();
        if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
            // More seconds than a u64 holds is still "later than anyone waits".
            let seconds = text.parse::<u64>().unwrap_or(u64::MAX);
            return Some(RetryAfter::Delay(Duration::from_secs(seconds)));
        }
        httpdate::parse_http_date(text).ok().map(RetryAfter::At)
    }

    /// How long to wait from `now`; a date in the past means now.
    pub fn delay_from(self, now: SystemTime) -> Duration {
        match self {
            RetryAfter::Delay(delay) => delay,
            RetryAfter::At(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }

    /// How long to wait from the present moment.
    pub fn delay(self) -> Duration {
        self.delay_from(SystemTime::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &'static str) -> Option<RetryAfter> {
        RetryAfter::parse(&HeaderValue::from_static(text))
    }

    #[test]
    fn both_forms_and_nothing_else() {
        assert_eq!(parse("0"), Some(RetryAfter::Delay(Duration::ZERO)));
        assert_eq!(
            parse(" 7 "),
            Some(RetryAfter::Delay(Duration::from_secs(7)))
        );
        assert_eq!(
            parse("99999999999999999999999"),
            Some(RetryAfter::Delay(Duration::from_secs(u64::MAX)))
        );
        let date = parse("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            date,
            RetryAfter::At(SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777))
        );
        assert_eq!(date.delay(), Duration::ZERO, "a date in the past means now");
        let later = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777 - 30);
        assert_eq!(date.delay_from(later), Duration::from_secs(30));
        for garbage in ["", "-1", "1.5", "soon", "1e3", "Sun, 06 Nov 1994"] {
            assert_eq!(parse(garbage), None, "{garbage:?}");
        }
    }
}
