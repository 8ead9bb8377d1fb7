//! AccessKey signing, version 1 (`HMAC-SHA1`), as the official PDS SDK signs by default; public so that a
//! server (or a test) can verify what a client signed.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use time::OffsetDateTime;
use time::macros::format_description;

use crate::auth::Secret;
use crate::http::Method;

/// The text that is signed: the method, the values of `accept`, `content-md5`, `content-type` and `date`,
/// every `x-acs-*` header sorted by name as `name:value`, each on its own line, then the canonical resource
/// (the path, and the query sorted by key).
pub fn string_to_sign(method: Method, path: &str, query: &[(&str, &str)], headers: &[(String, String)]) -> String {
    let value_of = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v);
    let mut text = String::with_capacity(256);
    text.push_str(method.as_str());
    text.push('\n');
    for name in ["accept", "content-md5", "content-type", "date"] {
        text.push_str(value_of(name));
        text.push('\n');
    }
    let mut acs: Vec<(String, &str)> = headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.as_str()))
        .filter(|(name, _)| name.starts_with("x-acs-"))
        .collect();
    acs.sort();
    for (name, value) in acs {
        text.push_str(&name);
        text.push(':');
        text.push_str(value);
        text.push('\n');
    }
    text.push_str(path);
    let mut query = query.to_vec();
    query.sort();
    for (index, (key, value)) in query.iter().enumerate() {
        text.push(if index == 0 { '?' } else { '&' });
        text.push_str(key);
        if !value.is_empty() {
            text.push('=');
            text.push_str(value);
        }
    }
    text
}

/// `base64(HMAC-SHA1(secret, string_to_sign))`.
pub fn signature(secret: &Secret, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.expose().as_bytes()).expect("HMAC accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// An HTTP date (RFC 1123, always GMT), e.g. `Sun, 22 Nov 2026 17:26:54 GMT`.
pub fn http_date(unix_ms: u64) -> String {
    let seconds = i64::try_from(unix_ms / 1000).unwrap_or(i64::MAX);
    let format =
        format_description!("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT");
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|time| time.format(format).ok())
        .unwrap_or_else(|| "Thu, 01 Jan 1970 00:00:00 GMT".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    /// The vector observed from the official SDK (see the signing fixtures for more).
    #[test]
    fn reproduces_the_official_sdk_signature() {
        let headers = vec![
            header("accept", "application/json"),
            header("content-type", "application/json; charset=utf-8"),
            header("date", "Sun, 22 Nov 2026 17:26:54 GMT"),
            header("x-acs-version", "2022-03-01"),
            header("x-acs-action", "ListDelta"),
            header("x-acs-signature-method", "HMAC-SHA1"),
            header("x-acs-signature-nonce", "8a30960ed1d63628097a361324b58233"),
            header("x-acs-signature-version", "1.0"),
            header("user-agent", "ignored"),
        ];
        let text = string_to_sign(Method::Post, "/v2/file/list_delta", &[], &headers);
        assert_eq!(
            text,
            "POST\napplication/json\n\napplication/json; charset=utf-8\nSun, 22 Nov 2026 17:26:54 GMT\n\
             x-acs-action:ListDelta\nx-acs-signature-method:HMAC-SHA1\n\
             x-acs-signature-nonce:8a30960ed1d63628097a361324b58233\nx-acs-signature-version:1.0\n\
             x-acs-version:2022-03-01\n/v2/file/list_delta"
        );
        let secret = Secret::new("SECRET", "access_key_secret").unwrap();
        assert_eq!(signature(&secret, &text), "aZqs5wR9g3djJn++MXFER/3tbh0=");
    }

    #[test]
    fn query_keys_are_sorted_and_empty_values_stand_alone() {
        let text = string_to_sign(Method::Get, "/p", &[("b", "2"), ("a", ""), ("c", "3")], &[]);
        assert!(text.ends_with("/p?a&b=2&c=3"), "{text}");
    }

    #[test]
    fn http_dates_are_rfc1123_gmt() {
        assert_eq!(http_date(1_795_368_414_000), "Sun, 22 Nov 2026 17:26:54 GMT");
    }
}
