//! The rules inputs are checked against before anything is sent, each failing with the field's wire name.

use std::fmt::Display;
use std::ops::RangeInclusive;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::Error;

/// The most bytes an id may hold. The services' ids are tokens of 40 characters or fewer (`9520943DC264`,
/// `1795607640592646273`); anything near this long can only be a mistake, and would cost a round trip to learn.
pub(crate) const ID_MAX_BYTES: usize = 256;

/// Characters no id holds: they would change the meaning of a URL (a KooDrive album id travels in the path).
const NOT_IN_IDS: [char; 5] = ['/', '?', '#', '%', '\\'];

/// An id must be present, at most [`ID_MAX_BYTES`] long, and free of whitespace, control characters and the
/// characters that delimit a URL.
pub(crate) fn required_id(field: &'static str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "is required and must not be empty"));
    }
    if value.len() > ID_MAX_BYTES {
        return Err(Error::invalid(field, format!("must be at most {ID_MAX_BYTES} bytes, got {}", value.len())));
    }
    if let Some(found) = value.chars().find(|c| c.is_whitespace() || c.is_control() || NOT_IN_IDS.contains(c)) {
        return Err(Error::invalid(
            field,
            format!("must not hold whitespace, control characters or any of / ? # % \\ (found {found:?})"),
        ));
    }
    Ok(())
}

/// An optional id, when given, must be non-empty.
pub(crate) fn optional_id(field: &'static str, value: Option<&str>) -> Result<(), Error> {
    value.map_or(Ok(()), |value| required_id(field, value))
}

/// A number must lie within the documented range.
pub(crate) fn in_range<T: PartialOrd + Display>(
    field: &'static str,
    value: Option<T>,
    range: RangeInclusive<T>,
) -> Result<(), Error> {
    match value {
        Some(value) if !range.contains(&value) => {
            Err(Error::invalid(field, format!("must be between {} and {}, got {value}", range.start(), range.end())))
        }
        _ => Ok(()),
    }
}

/// Text measured in UTF-8 bytes.
pub(crate) fn max_bytes(field: &'static str, value: Option<&str>, max: usize) -> Result<(), Error> {
    match value {
        Some(value) if value.len() > max => {
            Err(Error::invalid(field, format!("must be at most {max} UTF-8 bytes, got {}", value.len())))
        }
        _ => Ok(()),
    }
}

/// Text measured in characters (Unicode scalar values).
pub(crate) fn max_chars(field: &'static str, value: Option<&str>, max: usize) -> Result<(), Error> {
    match value.map(|value| value.chars().count()) {
        Some(count) if count > max => {
            Err(Error::invalid(field, format!("must be at most {max} characters, got {count}")))
        }
        _ => Ok(()),
    }
}

/// A UTC time in ISO 8601 form, `YYYY-MM-DDTHH:mm:ss[.fff]Z`.
pub(crate) fn utc_iso8601(field: &'static str, value: Option<&str>) -> Result<(), Error> {
    let Some(value) = value else { return Ok(()) };
    let parsed = OffsetDateTime::parse(value, &Rfc3339).ok();
    if parsed.is_none() || !value.ends_with(['Z', 'z']) {
        return Err(Error::invalid(field, "must be a UTC time in ISO 8601 form, like 2019-08-20T06:51:27.292Z"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_inclusive_and_name_the_field() {
        assert!(in_range("limit", Some(0), 0..=100).is_ok());
        assert!(in_range("limit", Some(100), 0..=100).is_ok());
        assert!(in_range("limit", None, 0..=100).is_ok());
        let err = in_range("limit", Some(101), 0..=100).unwrap_err();
        assert_eq!(err.to_string(), "invalid argument `limit`: must be between 0 and 100, got 101");
    }

    #[test]
    fn bytes_and_characters_are_counted_apart() {
        let five_bytes_two_chars = "é😀".get(..).unwrap();
        assert_eq!(five_bytes_two_chars.len(), 6);
        assert!(max_bytes("name", Some(five_bytes_two_chars), 5).is_err());
        assert!(max_chars("description", Some(five_bytes_two_chars), 2).is_ok());
        assert!(max_chars("description", Some(five_bytes_two_chars), 1).is_err());
    }

    #[test]
    fn only_utc_iso_times_pass() {
        assert!(utc_iso8601("local_modified_at", Some("2019-08-20T06:51:27.292Z")).is_ok());
        assert!(utc_iso8601("local_modified_at", Some("2019-08-20T06:51:27Z")).is_ok());
        assert!(utc_iso8601("local_modified_at", Some("2019-08-20T06:51:27+08:00")).is_err());
        assert!(utc_iso8601("local_modified_at", Some("2019-08-20 06:51:27")).is_err());
        assert!(required_id("drive_id", " ").is_err());
    }

    #[test]
    fn ids_that_would_change_a_url_or_cannot_be_real_are_refused_by_name() {
        for good in ["1", "9520943DC264", "1795607640592646273", "5d79206586bb5dd69fb34c349282718146c55da7"] {
            assert!(required_id("file_id", good).is_ok(), "{good}");
        }
        for bad in ["a/b", "a?b", "a#b", "a%2F", "a\\b", "a\r\nb", "a\u{0}b", "a b", "\u{7f}"] {
            let error = required_id("file_id", bad).unwrap_err();
            assert_eq!(error.field(), Some("file_id"), "{bad:?}");
        }
        let huge = "x".repeat(1 << 20);
        let error = required_id("albumId", &huge).unwrap_err();
        assert!(error.to_string().len() < 200, "the message does not repeat the input");
        assert!(required_id("albumId", &"x".repeat(ID_MAX_BYTES)).is_ok());
    }
}
