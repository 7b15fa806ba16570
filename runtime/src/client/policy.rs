//! When to send a request again: the seed APIs' rules, as numbers.

use std::hash::{BuildHasher, Hasher, RandomState};
use std::time::Duration;

use super::retry_after::RetryAfter;
use crate::catalog::Retry;

/// How a client retries: at most [`attempts`](Self::with_attempts) requests in all; a `throttle`
/// error after its `Retry-After` (when it is no longer than
/// [`max_retry_after`](Self::with_max_retry_after)), else like a `transient` one, with capped
/// exponential backoff and jitter; a `never` error not at all.
///
/// ```
/// use std::time::Duration;
/// use errwire::client::{Retry, RetryAfter, RetryPolicy};
///
/// let policy = RetryPolicy::new().with_attempts(3);
/// let after = Some(RetryAfter::Delay(Duration::from_secs(2)));
/// assert_eq!(policy.delay(1, Retry::Throttle, after), Some(Duration::from_secs(2)));
/// assert_eq!(policy.delay(1, Retry::Never, None), None);
/// assert_eq!(policy.delay(3, Retry::Transient, None), None, "the third attempt was the last");
/// let backoff = policy.delay(2, Retry::Transient, None).unwrap();
/// assert!(backoff >= Duration::from_millis(200) && backoff <= Duration::from_millis(400));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
    attempt_timeout: Duration,
    idempotent_only: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::new()
    }
}

impl RetryPolicy {
    /// Four attempts; backoff from 200 ms, doubling, capped at 10 s; a `Retry-After` of up to
    /// 60 s honoured; 30 s for each attempt's response to begin; `transient` errors retried
    /// whatever the request's method, as the seed APIs' clients do.
    pub const fn new() -> Self {
        RetryPolicy {
            attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            attempt_timeout: Duration::from_secs(30),
            idempotent_only: false,
        }
    }

    /// Sets how many requests are sent at most, the first included (at least one).
    pub const fn with_attempts(self, attempts: u32) -> Self {
        RetryPolicy {
            attempts: if attempts == 0 { 1 } else { attempts },
            ..self
        }
    }

    /// Sets the backoff after the first failure; it doubles after each next one.
    pub const fn with_base_delay(self, base_delay: Duration) -> Self {
        RetryPolicy { base_delay, ..self }
    }

    /// Sets the longest backoff.
    pub const fn with_max_delay(self, max_delay: Duration) -> Self {
        RetryPolicy { max_delay, ..self }
    }

    /// Sets the longest `Retry-After` the client waits for; a longer one ends the retries.
    pub const fn with_max_retry_after(self, max_retry_after: Duration) -> Self {
        RetryPolicy {
            max_retry_after,
            ..self
        }
    }

    /// Sets how long an attempt waits for its response to begin (the status and headers; the
    /// body is read within its own [`BodyLimits`](crate::client::BodyLimits) with the `reqwest`
    /// feature). A server that accepts the request and never answers then costs this long, not
    /// for ever.
    pub const fn with_attempt_timeout(self, attempt_timeout: Duration) -> Self {
        RetryPolicy {
            attempt_timeout,
            ..self
        }
    }

    /// Retries a `transient` error (a 500, 502, 504, 408, or an attempt that timed out) only for
    /// a request whose method is idempotent (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`,
    /// `TRACE`), which the server may have acted on without harm. A `throttle` error (429, 503)
    /// and a connection that failed are retried whatever the method: the server did not act.
    pub const fn with_idempotent_only(self, idempotent_only: bool) -> Self {
        RetryPolicy {
            idempotent_only,
            ..self
        }
    }

    /// How many requests are sent at most.
    pub const fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How long an attempt waits for its response to begin.
    pub const fn attempt_timeout(&self) -> Duration {
        self.attempt_timeout
    }

    /// Whether an error of class `retry` may be retried for a request of method `method`.
    pub fn retries(&self, retry: Retry, method: &http::Method) -> bool {
        match retry {
            Retry::Never => false,
            Retry::Throttle => true,
            Retry::Transient => !self.idempotent_only || method.is_idempotent(),
        }
    }

    /// How long to wait before sending the request again, after attempt number `attempt` (the
    /// first is 1) failed with an error of class `retry`, with `retry_after`; `None` when the
    /// request is not sent again.
    pub fn delay(
        &self,
        attempt: u32,
        retry: Retry,
        retry_after: Option<RetryAfter>,
    ) -> Option<Duration> {
        if attempt >= self.attempts {
            return None;
        }
        match (retry, retry_after) {
            (Retry::Never, _) => None,
            (Retry::Throttle, Some(after)) => {
                Some(after.delay()).filter(|delay| *delay <= self.max_retry_after)
            }
            (Retry::Throttle | Retry::Transient, _) => Some(self.backoff(attempt)),
        }
    }

    /// Half the capped exponential delay, plus a random part of up to the other half, so that
    /// clients that failed together do not come back together.
    fn backoff(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(31);
        let ceiling = self
            .base_delay
            .saturating_mul(1 << doublings)
            .min(self.max_delay);
        let half = ceiling / 2;
        let spread = u64::try_from((ceiling - half).as_nanos()).unwrap_or(u64::MAX);
        let random = RandomState::new().build_hasher().finish();
        half + Duration::from_nanos(random % spread.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_its_cap_with_jitter() {
        let policy = RetryPolicy::new()
            .with_attempts(10)
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(1000));
        for (attempt, ceiling) in [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (9, 1000)] {
            let mut seen = std::collections::BTreeSet::new();
            for _ in 0..50 {
                let delay = policy.delay(attempt, Retry::Transient, None).unwrap();
                let ceiling = Duration::from_millis(ceiling);
                assert!(
                    delay >= ceiling / 2 && delay <= ceiling,
                    "{attempt}: {delay:?}"
                );
                seen.insert(delay);
            }
            assert!(seen.len() > 1, "jitter: {seen:?}");
        }
        assert_eq!(policy.delay(10, Retry::Transient, None), None);
    }

    #[test]
    fn throttle_waits_for_retry_after_unless_it_is_too_long() {
        let policy = RetryPolicy::new().with_max_retry_after(Duration::from_secs(5));
        let after = |seconds| Some(RetryAfter::Delay(Duration::from_secs(seconds)));
        assert_eq!(
            policy.delay(1, Retry::Throttle, after(5)),
            Some(Duration::from_secs(5))
        );
        assert_eq!(policy.delay(1, Retry::Throttle, after(6)), None);
        assert!(policy.delay(1, Retry::Throttle, None).is_some(), "backoff");
        assert_eq!(policy.delay(1, Retry::Never, after(1)), None);
        assert_eq!(RetryPolicy::new().with_attempts(0).attempts(), 1);
    }
}
