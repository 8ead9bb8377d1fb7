//! A service's own rate limit, as PDS and KooDrive enforce theirs: beyond `max_rps` requests a second (a token
//! bucket holding one second's worth) the mock answers 429 with the service's throttling body and `Retry-After: 1`.

use std::time::{Duration, Instant};

/// The bucket of one mock server; off unless a limit is set.
#[derive(Debug, Default)]
pub(crate) struct RateLimit {
    bucket: Option<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    per_second: f64,
    tokens: f64,
    refilled: Instant,
}

impl RateLimit {
    /// Allows `max_rps` requests a second from now on, or any number for `None`.
    pub fn set(&mut self, max_rps: Option<u32>, now: Instant) {
        self.bucket = max_rps.filter(|rate| *rate > 0).map(|rate| Bucket {
            per_second: f64::from(rate),
            tokens: f64::from(rate),
            refilled: now,
        });
    }

    /// Whether a request arriving `now` is within the limit; it takes its token if so.
    pub fn admit(&mut self, now: Instant) -> bool {
        let Some(bucket) = &mut self.bucket else { return true };
        let elapsed = now.saturating_duration_since(bucket.refilled);
        bucket.tokens = (bucket.tokens + elapsed.as_secs_f64() * bucket.per_second).min(bucket.per_second);
        bucket.refilled = now;
        if bucket.tokens < 1.0 {
            return false;
        }
        bucket.tokens -= 1.0;
        true
    }
}

/// What a throttled client is told to wait.
pub(crate) const RETRY_AFTER: Duration = Duration::from_secs(1);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_one_seconds_worth_passes_then_the_rate_holds() {
        let start = Instant::now();
        let mut limit = RateLimit::default();
        assert!((0..1_000).all(|_| limit.admit(start)), "no limit unless one is set");
        limit.set(Some(50), start);
        assert_eq!((0..100).filter(|_| limit.admit(start)).count(), 50);
        let later = start + Duration::from_millis(100);
        assert_eq!((0..100).filter(|_| limit.admit(later)).count(), 5, "50 a second refill 5 in 100 ms");
        limit.set(None, later);
        assert!(limit.admit(later));
    }
}
