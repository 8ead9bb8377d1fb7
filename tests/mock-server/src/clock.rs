//! The server's clock and the time format the services write.

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::macros::format_description;

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_unix_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| u64::try_from(since.as_millis()).unwrap_or(0))
}

/// A time as both services write it: `2019-08-20T06:51:27.292Z`.
pub(crate) fn iso_millis(unix_ms: u64) -> String {
    let layout = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    let nanos = i128::from(unix_ms) * 1_000_000;
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|time| time.format(layout).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".to_owned())
}

/// The suffix UpdateFile's `auto_rename` appends: `_20060102_150405`.
pub(crate) fn rename_suffix(unix_ms: u64) -> String {
    let layout = format_description!("_[year][month][day]_[hour][minute][second]");
    let seconds = i64::try_from(unix_ms / 1000).unwrap_or(0);
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|time| time.format(layout).ok())
        .unwrap_or_else(|| "_19700101_000000".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_times_like_the_reference_pages() {
        assert_eq!(iso_millis(1_566_283_887_292), "2019-08-20T06:51:27.292Z");
        assert_eq!(rename_suffix(1_136_214_245_000), "_20060102_150405");
    }
}
