//! A client-side rate limiter that stays out of the way until the service throttles, then sends at the rate the
//! service allows and climbs back when throttling stops: a token bucket whose rate follows CUBIC, as the AWS
//! SDKs' adaptive retry mode does.

use std::time::Duration;

/// CUBIC's multiplicative decrease: after a throttle, the rate drops to this share of what was measured.
const BETA: f64 = 0.7;
/// CUBIC's scaling constant: how fast the rate climbs back.
const SCALE: f64 = 0.4;
/// The weight of the newest half-second in the measured sending rate.
const SMOOTHING: f64 = 0.8;
/// The slowest rate the bucket fills at, requests per second.
const MIN_FILL_RATE: f64 = 0.5;
/// The smallest burst the bucket allows.
const MIN_CAPACITY: f64 = 1.0;
/// Refusals within this many seconds of a cut belong to the same episode.
const EPISODE: f64 = 0.5;

/// How a client paces its requests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Whether to slow down when the service throttles and climb back after (on by default).
    pub adaptive: bool,
    /// A rate never to exceed, requests per second; none by default.
    pub max_requests_per_second: Option<f64>,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit { adaptive: true, max_requests_per_second: None }
    }
}

impl RateLimit {
    /// No pacing at all: every request goes out at once.
    pub fn off() -> Self {
        RateLimit { adaptive: false, max_requests_per_second: None }
    }

    /// Checks that the limit can be kept.
    pub fn validate(&self) -> Result<(), crate::Error> {
        match self.max_requests_per_second {
            Some(rate) if !(rate.is_finite() && rate > 0.0) => {
                Err(crate::Error::invalid("max_requests_per_second", "must be a number above zero"))
            }
            _ => Ok(()),
        }
    }
}

/// The token bucket and what it has learnt of the service's limit; fed the time by the calls.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimiter {
    limit: RateLimit,
    /// Whether requests wait for tokens: from the first throttle on, or from the start under a maximum rate.
    enabled: bool,
    fill_rate: f64,
    capacity: f64,
    /// Tokens in the bucket; below zero when more requests are waiting than it holds.
    tokens: f64,
    last_refill: Option<f64>,
    measured_rate: f64,
    rate_bucket: f64,
    bucket_requests: f64,
    /// The rate at the last throttle, and when it came.
    last_max_rate: f64,
    last_throttle: f64,
}

impl RateLimiter {
    /// A limiter keeping `limit`.
    pub fn new(limit: RateLimit) -> Self {
        let max = limit.max_requests_per_second.unwrap_or(f64::INFINITY);
        RateLimiter {
            limit,
            enabled: limit.max_requests_per_second.is_some(),
            fill_rate: max,
            capacity: max.max(MIN_CAPACITY),
            tokens: max.max(MIN_CAPACITY),
            last_refill: None,
            measured_rate: 0.0,
            rate_bucket: 0.0,
            bucket_requests: 0.0,
            last_max_rate: 0.0,
            last_throttle: 0.0,
        }
    }

    /// Takes a token for a request about to be sent at `now_ms`: `None` to send at once, or how long to wait
    /// first. The token is reserved either way, so that waiting requests go out in turn rather than race.
    pub fn acquire(&mut self, now_ms: u64) -> Option<Duration> {
        if !self.enabled {
            return None;
        }
        self.refill(seconds(now_ms));
        self.tokens -= 1.0;
        (self.tokens < 0.0).then(|| Duration::from_secs_f64(-self.tokens / self.fill_rate))
    }

    /// Learns from an answer received at `now_ms`: whether the service throttled the request.
    pub fn observe(&mut self, throttled: bool, now_ms: u64) {
        let now = seconds(now_ms);
        self.measure(now);
        if !self.limit.adaptive {
            return;
        }
        let measured = self.sending_rate(now);
        let rate = if throttled && self.enabled && now - self.last_throttle < EPISODE {
            // Refusals of requests sent before the last cut say nothing about the rate set then: one cut per
            // episode, as CUBIC cuts once per loss event, not once per lost packet.
            return;
        } else if throttled {
            let sending = if self.enabled { measured.min(self.fill_rate) } else { measured };
            self.last_max_rate = sending;
            self.last_throttle = now;
            if !self.enabled {
                // The service has just refused: the bucket starts empty, not with a burst it would refuse too.
                self.tokens = 0.0;
                self.last_refill = Some(now);
                self.enabled = true;
            }
            sending * BETA
        } else if self.last_throttle > 0.0 {
            // Climbing back is only for a rate the service itself brought down, never for a maximum set at the
            // start, which the measured rate (still nothing) would otherwise drag to the floor.
            let window = (self.last_max_rate * (1.0 - BETA) / SCALE).cbrt();
            SCALE * (now - self.last_throttle - window).powi(3) + self.last_max_rate
        } else {
            return;
        };
        // Never more than twice what is being sent: a rate nobody uses says nothing about the service's limit.
        self.set_rate(rate.min(2.0 * measured), now);
    }

    /// The rate requests are being sent at: the smoothed rate of the half-second buckets, or, when that says less,
    /// the requests of the bucket under way over its time so far, counted as a second at least. A client throttled
    /// in its first burst (or its first after a quiet spell) would otherwise take its rate as next to nothing and
    /// crawl for seconds at the floor, when the service has just shown how many it lets through.
    fn sending_rate(&self, now: f64) -> f64 {
        let under_way = self.bucket_requests / (now - self.rate_bucket).max(1.0);
        self.measured_rate.max(under_way)
    }

    /// The rate requests may go out at now, per second; infinite while nothing limits them.
    pub fn rate(&self) -> f64 {
        if self.enabled { self.fill_rate } else { f64::INFINITY }
    }

    fn set_rate(&mut self, rate: f64, now: f64) {
        self.refill(now);
        let rate = rate.min(self.limit.max_requests_per_second.unwrap_or(f64::INFINITY));
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.capacity = rate.max(MIN_CAPACITY);
        self.tokens = self.tokens.min(self.capacity);
    }

    fn refill(&mut self, now: f64) {
        if let Some(last) = self.last_refill
            && now > last
        {
            self.tokens = (self.tokens + (now - last) * self.fill_rate).min(self.capacity);
        }
        self.last_refill = Some(self.last_refill.map_or(now, |last| last.max(now)));
    }

    /// The sending rate, measured over half-second buckets and smoothed.
    fn measure(&mut self, now: f64) {
        let bucket = (now * 2.0).floor() / 2.0;
        self.bucket_requests += 1.0;
        if bucket > self.rate_bucket {
            let current = if self.rate_bucket > 0.0 { self.bucket_requests / (bucket - self.rate_bucket) } else { 0.0 };
            self.measured_rate = current * SMOOTHING + self.measured_rate * (1.0 - SMOOTHING);
            self.bucket_requests = 0.0;
            self.rate_bucket = bucket;
        }
    }
}

fn seconds(unix_ms: u64) -> f64 {
    unix_ms as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends as fast as the limiter lets it for `seconds`, against a service that throttles above `limit`
    /// requests per second; answers how many were sent and how many throttled.
    fn run(limiter: &mut RateLimiter, from_ms: u64, seconds: u64, limit: u64) -> (u64, u64) {
        let (mut now, end) = (from_ms, from_ms + seconds * 1000);
        let (mut sent, mut throttled, mut window_start, mut in_window) = (0, 0, from_ms, 0);
        while now < end {
            if let Some(wait) = limiter.acquire(now) {
                now += wait.as_millis().max(1) as u64;
            }
            if now - window_start >= 1000 {
                window_start = now;
                in_window = 0;
            }
            in_window += 1;
            let refused = in_window > limit;
            sent += 1;
            throttled += u64::from(refused);
            limiter.observe(refused, now);
            now += 2; // the answer's round trip
        }
        (sent, throttled)
    }

    #[test]
    fn nothing_waits_until_the_service_throttles() {
        let mut limiter = RateLimiter::new(RateLimit::default());
        for ms in 0..1000 {
            assert_eq!(limiter.acquire(1_000_000 + ms), None);
            limiter.observe(false, 1_000_000 + ms);
        }
        assert!(limiter.rate().is_infinite());
    }

    #[test]
    fn after_throttling_it_settles_near_the_services_limit_with_few_refusals() {
        let mut limiter = RateLimiter::new(RateLimit::default());
        let start = 1_795_368_414_000;
        run(&mut limiter, start, 10, 50);
        let (sent, throttled) = run(&mut limiter, start + 10_000, 30, 50);
        // Keeping up: the work takes at most 1.35 times what the limit itself allows.
        assert!(sent as f64 * 1.35 >= 30.0 * 50.0, "{sent} sent in 30 s against a limit of 50 per second");
        assert!(throttled * 10 <= sent, "{throttled} of {sent} throttled");
    }

    #[test]
    fn a_service_that_throttles_the_first_burst_is_sent_to_at_the_rate_it_let_through() {
        // From a cold start, as fast as the service lets: it refuses the 51st request of the first second, before
        // a half-second has been measured.
        let mut limiter = RateLimiter::new(RateLimit::default());
        let (sent, throttled) = run(&mut limiter, 1_795_368_414_000, 10, 50);
        assert!(sent as f64 * 1.2 >= 10.0 * 50.0, "{sent} sent in 10 s against a limit of 50 per second");
        assert!(throttled * 10 <= sent, "{throttled} of {sent} throttled");
    }

    #[test]
    fn a_maximum_rate_holds_from_the_start_and_off_means_off() {
        for adaptive in [false, true] {
            let mut capped = RateLimiter::new(RateLimit { adaptive, max_requests_per_second: Some(10.0) });
            let (sent, _) = run(&mut capped, 1_795_368_414_000, 5, 1_000);
            assert!((45..=62).contains(&sent), "{sent} sent in 5 s at 10 per second (adaptive: {adaptive})");
        }
        let mut off = RateLimiter::new(RateLimit::off());
        for _ in 0..100 {
            off.observe(true, 1_795_368_414_000);
            assert_eq!(off.acquire(1_795_368_414_000), None);
        }
        assert!(RateLimit { adaptive: true, max_requests_per_second: Some(0.0) }.validate().is_err());
    }
}
