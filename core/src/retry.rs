//! When to try again and how long to wait first: pure decisions from an outcome, the time and a random value.

use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;

use crate::error::{Error, TransportErrorKind};
use crate::http::HttpResponse;

/// How persistent a call is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    /// The wait before the first retry, doubled for each later one.
    pub initial_backoff: Duration,
    /// The longest computed wait.
    pub max_backoff: Duration,
    /// How long one attempt may take before the transport gives up on it.
    pub attempt_timeout: Duration,
    /// How long the whole call may take, waits included; no retry starts that would end past it.
    pub total_timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            attempt_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn no_retries() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// Checks that the policy can run at all.
    pub fn validate(&self) -> Result<(), Error> {
        if self.max_attempts == 0 {
            return Err(Error::invalid("max_attempts", "must be at least 1"));
        }
        if self.attempt_timeout.is_zero() {
            return Err(Error::invalid("attempt_timeout", "must be greater than zero"));
        }
        if self.total_timeout.is_zero() {
            return Err(Error::invalid("total_timeout", "must be greater than zero"));
        }
        if self.initial_backoff > self.max_backoff {
            return Err(Error::invalid("initial_backoff", "must not exceed max_backoff"));
        }
        Ok(())
    }

    /// The wait before retry number `retry` (1 for the first retry): exponential, capped, with "equal jitter"
    /// (half fixed, half random) so that clients spread out yet never retry at once.
    pub fn backoff(&self, retry: u32, random: u64) -> Duration {
        let factor = 1u32.checked_shl(retry.saturating_sub(1)).unwrap_or(u32::MAX);
        let ceiling = self.initial_backoff.saturating_mul(factor).min(self.max_backoff);
        let ceiling_ms = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        let half = ceiling_ms / 2;
        let jitter = random % (ceiling_ms - half + 1);
        Duration::from_millis(half + jitter)
    }
}

/// Why an attempt may be repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retryable {
    /// Repeat after the computed backoff.
    Backoff,
    /// Repeat after the wait the service asked for (`Retry-After`), or the backoff when it did not say.
    After(Option<Duration>),
    /// Do not repeat.
    No,
}

/// Whether an error response may be repeated. A 429 was refused before any work was done, so every operation
/// may repeat it; a 5xx may have been half done, so only read-only operations repeat it.
pub(crate) fn classify_response(response: &HttpResponse, read_only: bool, now_unix_ms: u64) -> Retryable {
    match response.status {
        429 => Retryable::After(retry_after(response, now_unix_ms)),
        500 | 502 | 503 | 504 if read_only => Retryable::After(retry_after(response, now_unix_ms)),
        _ => Retryable::No,
    }
}

/// Whether a failed exchange may be repeated: a request that never left (connect failure) always may; one that
/// may have reached the server only when repeating it cannot change anything; an answer too large to read never,
/// since the same request would get it again.
pub(crate) fn classify_transport(kind: TransportErrorKind, read_only: bool) -> Retryable {
    match kind {
        TransportErrorKind::Connect => Retryable::Backoff,
        TransportErrorKind::Io | TransportErrorKind::Timeout if read_only => Retryable::Backoff,
        TransportErrorKind::Io | TransportErrorKind::Timeout | TransportErrorKind::ResponseTooLarge => Retryable::No,
    }
}

/// `Retry-After` as a wait: delay-seconds, or an HTTP date measured from `now`.
pub(crate) fn retry_after(response: &HttpResponse, now_unix_ms: u64) -> Option<Duration> {
    let value = response.header("retry-after")?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(86_400.0)));
    }
    let at = OffsetDateTime::parse(value, &Rfc2822).ok()?;
    let at_ms = u64::try_from(at.unix_timestamp()).ok()?.checked_mul(1000)?;
    Some(Duration::from_millis(at_ms.saturating_sub(now_unix_ms)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, retry_after: Option<&str>) -> HttpResponse {
        let response = HttpResponse::new(status, "");
        match retry_after {
            Some(value) => response.with_header("Retry-After", value),
            None => response,
        }
    }

    #[test]
    fn backoff_doubles_is_capped_and_jitters_within_the_upper_half() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(1, 0), Duration::from_millis(100));
        assert_eq!(policy.backoff(1, u64::MAX), Duration::from_millis(100 + u64::MAX % 101));
        assert_eq!(policy.backoff(2, 0), Duration::from_millis(200));
        assert_eq!(policy.backoff(3, 0), Duration::from_millis(400));
        for retry in [7, 20, 40, u32::MAX] {
            for random in [0, 1, 12_345, u64::MAX] {
                let wait = policy.backoff(retry, random);
                assert!(wait >= policy.max_backoff / 2 && wait <= policy.max_backoff, "{retry}: {wait:?}");
            }
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = 1_795_368_414_000; // Sun, 22 Nov 2026 17:26:54 GMT
        assert_eq!(retry_after(&response(429, Some("3")), now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&response(429, Some("0.5")), now), Some(Duration::from_millis(500)));
        let date = response(429, Some("Sun, 22 Nov 2026 17:27:04 GMT"));
        assert_eq!(retry_after(&date, now), Some(Duration::from_secs(10)));
        let past = response(429, Some("Sun, 22 Nov 2026 17:00:00 GMT"));
        assert_eq!(retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(retry_after(&response(429, Some("soon")), now), None);
        assert_eq!(retry_after(&response(429, None), now), None);
    }

    #[test]
    fn only_read_only_operations_repeat_server_errors_and_broken_exchanges() {
        assert_eq!(
            classify_response(&response(503, Some("2")), true, 0),
            Retryable::After(Some(Duration::from_secs(2)))
        );
        assert_eq!(classify_response(&response(503, None), false, 0), Retryable::No);
        assert_eq!(classify_response(&response(429, None), false, 0), Retryable::After(None));
        assert_eq!(classify_response(&response(400, None), true, 0), Retryable::No);
        assert_eq!(classify_transport(TransportErrorKind::Connect, false), Retryable::Backoff);
        assert_eq!(classify_transport(TransportErrorKind::Io, false), Retryable::No);
        assert_eq!(classify_transport(TransportErrorKind::Io, true), Retryable::Backoff);
        assert_eq!(classify_transport(TransportErrorKind::Timeout, true), Retryable::Backoff);
        assert_eq!(classify_transport(TransportErrorKind::ResponseTooLarge, true), Retryable::No);
    }
}
