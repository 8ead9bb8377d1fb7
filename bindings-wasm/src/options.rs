//! The options both clients share: `timeoutMs`, `retry`, `rateLimit`, `maxResponseBytes` and `getAccessToken`.
//! The rules about them are the core's; this only reads them from the caller's object.

use std::time::Duration;

use drivekit_core::Error;
use drivekit_core::http::DEFAULT_MAX_RESPONSE_BYTES;
use drivekit_core::retry::RetryPolicy;
use drivekit_core::throttle::RateLimit;
use js_sys::Function;

use crate::input::Fields;

/// The core's policy from the `timeoutMs` and `retry` options; the core checks it when the client takes it.
pub(crate) fn retry_policy(options: &Fields) -> Result<RetryPolicy, Error> {
    let default = RetryPolicy::default();
    let retry = options.fields("retry")?;
    let retry = retry.as_ref();
    let duration = |fields: Option<&Fields>, name: &'static str, default: Duration| {
        let Some(ms) = fields.map(|fields| fields.milliseconds(name)).transpose()?.flatten() else {
            return Ok(default);
        };
        Duration::try_from_secs_f64(ms / 1000.0)
            .map_err(|_| Error::InvalidArgument { field: name, rule: "is too long".to_owned() })
    };
    let max_attempts = match retry.map(|retry| retry.integer("maxAttempts")).transpose()?.flatten() {
        None => default.max_attempts,
        Some(attempts) => u32::try_from(attempts).map_err(|_| Error::InvalidArgument {
            field: "maxAttempts",
            rule: format!("must be a whole number from 1 to {}", u32::MAX),
        })?,
    };
    Ok(RetryPolicy {
        max_attempts,
        initial_backoff: duration(retry, "initialBackoffMs", default.initial_backoff)?,
        max_backoff: duration(retry, "maxBackoffMs", default.max_backoff)?,
        attempt_timeout: duration(retry, "attemptTimeoutMs", default.attempt_timeout)?,
        total_timeout: duration(Some(options), "timeoutMs", default.total_timeout)?,
    })
}

/// The core's pacing from the `rateLimit` option; the core checks it when the client takes it.
pub(crate) fn rate_limit(options: &Fields) -> Result<RateLimit, Error> {
    let default = RateLimit::default();
    let Some(limit) = options.fields("rateLimit")? else { return Ok(default) };
    Ok(RateLimit {
        adaptive: limit.boolean("adaptive")?.unwrap_or(default.adaptive),
        max_requests_per_second: limit.number("maxRequestsPerSecond")?,
    })
}

/// The `maxResponseBytes` option, the core's default without one; one below 1 becomes 0, which the core refuses.
pub(crate) fn max_response_bytes(options: &Fields) -> Result<u64, Error> {
    let given = options.integer("maxResponseBytes")?;
    Ok(given.map_or(DEFAULT_MAX_RESPONSE_BYTES, |bytes| u64::try_from(bytes).unwrap_or(0)))
}

/// `getAccessToken`, which must be a function when given.
pub(crate) fn token_provider(options: &Fields) -> Result<Option<Function>, Error> {
    options.function("getAccessToken", "must be a function answering a token (or a promise of one)")
}
