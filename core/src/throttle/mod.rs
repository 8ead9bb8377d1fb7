//! How hard a client's calls press on the service, together: the retry budget they share and the rate limiter
//! they all draw from. Plain state fed the time by the calls; the waits it asks for are the platform's sleeps.

mod budget;
mod rate_limiter;

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

pub use budget::{RETRY_BUDGET_CAPACITY, RETRY_COST, RetryBudget, SUCCESS_REFUND, TIMEOUT_RETRY_COST};
pub use rate_limiter::{RateLimit, RateLimiter};

/// The state every call of one client shares; cloning a client shares it too.
#[derive(Debug, Default)]
pub struct Throttle {
    shared: Mutex<Shared>,
}

#[derive(Debug)]
struct Shared {
    budget: RetryBudget,
    limiter: RateLimiter,
}

impl Default for Shared {
    fn default() -> Self {
        Shared { budget: RetryBudget::default(), limiter: RateLimiter::new(RateLimit::default()) }
    }
}

/// Two clients press together only when they share one throttle.
impl PartialEq for Throttle {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Throttle {
    /// A throttle pacing requests by `limit`, with a full retry budget.
    pub fn new(limit: RateLimit) -> Self {
        let shared = Shared { budget: RetryBudget::default(), limiter: RateLimiter::new(limit) };
        Throttle { shared: Mutex::new(shared) }
    }

    /// Reserves a request's turn at `now_ms`: `None` to send at once, or how long to wait first.
    pub fn acquire(&self, now_ms: u64) -> Option<Duration> {
        self.lock().limiter.acquire(now_ms)
    }

    /// Learns from an answer: whether the service throttled the request.
    pub fn observe(&self, throttled: bool, now_ms: u64) {
        self.lock().limiter.observe(throttled, now_ms);
    }

    /// Pays for a retry; `false` when the budget is spent, and the call should give up.
    pub fn withdraw(&self, cost: u32) -> bool {
        self.lock().budget.withdraw(cost)
    }

    /// A call succeeded after spending `spent` on retries.
    pub fn succeeded(&self, spent: u32) {
        self.lock().budget.succeeded(spent);
    }

    /// What the retry budget has left.
    pub fn budget(&self) -> u32 {
        self.lock().budget.available()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        // The state stays consistent at every step, so a panic elsewhere while it was held changes nothing.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
