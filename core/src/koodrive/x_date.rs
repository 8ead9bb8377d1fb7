//! KooDrive's `X-Date`: the request time as `yyyyMMdd'T'HHmmss'Z'` in UTC, accepted for 15 minutes and never
//! ahead of the server's clock.

use std::time::Duration;

use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::error::Error;

/// How old an `X-Date` may be when it arrives.
pub const X_DATE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Formats a time as an `X-Date`, e.g. `20251103T070140Z`.
pub fn format(unix_ms: u64) -> String {
    let seconds = i64::try_from(unix_ms / 1000).unwrap_or(i64::MAX);
    let layout = format_description!("[year][month][day]T[hour][minute][second]Z");
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|time| time.format(layout).ok())
        .unwrap_or_else(|| "19700101T000000Z".to_owned())
}

/// Reads an `X-Date` as seconds since the Unix epoch.
pub fn parse(x_date: &str) -> Option<i64> {
    let layout = format_description!("[year][month][day]T[hour][minute][second]Z");
    PrimitiveDateTime::parse(x_date, layout).ok().map(|time| time.assume_utc().unix_timestamp())
}

/// Checks an `X-Date` against a clock as the service does: well-formed, not in the future, at most 15 minutes old.
pub fn check(x_date: &str, now_unix_ms: u64) -> Result<(), Error> {
    let Some(sent) = parse(x_date) else {
        return Err(Error::invalid("X-Date", "must look like 20251103T070140Z (UTC)"));
    };
    let now = i64::try_from(now_unix_ms / 1000).unwrap_or(i64::MAX);
    if sent > now {
        return Err(Error::invalid("X-Date", "must not be later than the current time"));
    }
    let window = i64::try_from(X_DATE_WINDOW.as_secs()).unwrap_or(i64::MAX);
    if now - sent > window {
        return Err(Error::invalid("X-Date", "must be within 15 minutes of the current time"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOV_3_2025_07_01_40: u64 = 1_762_153_300_000;

    #[test]
    fn formats_like_the_reference_page() {
        assert_eq!(format(NOV_3_2025_07_01_40), "20251103T070140Z");
        assert_eq!(parse("20251103T070140Z"), Some(1_762_153_300));
    }

    #[test]
    fn accepts_fifteen_minutes_back_and_nothing_ahead() {
        let now = NOV_3_2025_07_01_40;
        assert!(check("20251103T070140Z", now).is_ok());
        assert!(check("20251103T064640Z", now).is_ok());
        assert!(check("20251103T064639Z", now).is_err());
        assert!(check("20251103T070141Z", now).is_err());
        assert_eq!(check("2025-11-03T07:01:40Z", now).unwrap_err().field(), Some("X-Date"));
    }
}
