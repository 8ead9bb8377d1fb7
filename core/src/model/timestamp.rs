//! Times as the services send them: text that usually, but not always, is RFC 3339.

use std::fmt;

#[cfg(feature = "json")]
use serde::{Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

#[cfg(feature = "json")]
use super::Lenient;

/// A time kept exactly as sent, with typed accessors that answer `None` when the text is not a time
/// (the reference pages' samples carry Go's layout string `2006-01-02T15:04:05.000Z07:00`).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "python", pyo3::pyclass(frozen, module = "drivekit"))]
pub struct Timestamp(String);

impl Timestamp {
    /// Wraps a time's text.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The text as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The time, when the text is an RFC 3339 / ISO 8601 date-time with an offset or `Z`.
    pub fn to_datetime(&self) -> Option<OffsetDateTime> {
        OffsetDateTime::parse(self.0.trim(), &Rfc3339).ok()
    }

    /// Milliseconds since the Unix epoch, when the text is a time.
    pub fn unix_millis(&self) -> Option<i64> {
        let nanos = self.to_datetime()?.unix_timestamp_nanos();
        i64::try_from(nanos.div_euclid(1_000_000)).ok()
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Timestamp {
    fn from(text: String) -> Self {
        Timestamp(text)
    }
}

#[cfg(feature = "json")]
impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(feature = "json")]
impl Lenient for Timestamp {
    fn from_str(value: &str) -> Option<Self> {
        Some(Timestamp(value.to_owned()))
    }
    fn from_string(value: String) -> Result<Self, String> {
        Ok(Timestamp(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_have_a_value() {
        assert_eq!(Timestamp::new("2019-08-20T06:51:27.292Z").unix_millis(), Some(1_566_283_887_292));
        assert_eq!(Timestamp::new("2019-08-20T14:51:27.292+08:00").unix_millis(), Some(1_566_283_887_292));
    }

    #[test]
    fn go_layout_strings_are_kept_but_have_no_value() {
        let layout = Timestamp::new("2006-01-02T15:04:05.000Z07:00");
        assert_eq!(layout.unix_millis(), None);
        assert_eq!(layout.as_str(), "2006-01-02T15:04:05.000Z07:00");
    }
}
