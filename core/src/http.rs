//! HTTP as plain data: what the core asks a transport to send, and what the transport got back.

use std::fmt;
use std::time::Duration;

use crate::error::Error;

/// The largest response body a client accepts unless told otherwise: 16 MiB, some 250 times a full page of either
/// service (about 60 KB), and small enough that a hostile or broken server cannot exhaust an app's memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// What bounds one attempt's exchange, decided by the core and enforced by the transport while it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimits {
    /// How long the whole exchange may take, from connecting to the body's last byte; past it the transport gives
    /// up with [`crate::TransportErrorKind::Timeout`], however steadily bytes still arrive.
    pub timeout: Duration,
    /// The longest body accepted. A transport refuses a longer one with
    /// [`crate::TransportErrorKind::ResponseTooLarge`]: at once when `Content-Length` announces it, else as soon
    /// as one byte more has arrived, never holding more than this in memory.
    pub max_response_bytes: u64,
}

impl AttemptLimits {
    /// Whether a body of `received` bytes (so far) is past the limit.
    pub fn is_too_large(&self, received: u64) -> bool {
        received > self.max_response_bytes
    }
}

/// A response body limit must let some body through.
pub(crate) fn check_max_response_bytes(max_response_bytes: u64) -> Result<(), Error> {
    if max_response_bytes == 0 {
        return Err(Error::invalid("max_response_bytes", "must be at least 1"));
    }
    Ok(())
}

/// An HTTP method the services use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl Method {
    /// The method as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request for a transport to send, complete with every header (auth included).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query included and already percent-encoded.
    pub url: String,
    /// Header names in lower case, in the order they were added.
    pub headers: Vec<(String, String)>,
    /// The body; empty for `GET`.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The value of the first header with this (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Headers that carry secrets are shown redacted.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), if is_secret_header(name) { "<redacted>" } else { value.as_str() }))
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// What a transport received: status, headers and the whole body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Header names as received (looked up case-insensitively).
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse { status, headers: Vec::new(), body: body.into() }
    }

    /// Adds a header; for building responses in tests and transports.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The value of the first header with this (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A service's base URL: scheme, host, optional port and path prefix, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks and normalises a base URL such as `https://bj1.api.aliyunpds.com` or `http://127.0.0.1:8080`.
    pub fn parse(url: &str, field: &'static str) -> Result<Self, Error> {
        let url = url.trim_end_matches('/');
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
        let Some(rest) = rest else {
            return Err(Error::invalid(field, "must start with http:// or https://"));
        };
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() {
            return Err(Error::invalid(field, "must name a host"));
        }
        if url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#')) {
            return Err(Error::invalid(field, "must not contain spaces, control characters, a query or a fragment"));
        }
        Ok(BaseUrl(url.to_owned()))
    }

    /// The base URL as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path the base URL adds before every operation's path (empty for a bare host).
    pub(crate) fn path_prefix(&self) -> &str {
        let after_scheme = self.0.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("", |slash| &after_scheme[slash..])
    }

    /// The absolute URL of an operation's path (which starts with `/`).
    pub(crate) fn join(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.0.len() + path.len());
        url.push_str(&self.0);
        url.push_str(path);
        url
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Header names whose values must never be printed.
pub(crate) fn is_secret_header(name: &str) -> bool {
    ["authorization", "x-acs-bearer-token", "x-share-token", "x-acs-security-token"]
        .iter()
        .any(|secret| name.eq_ignore_ascii_case(secret))
}

/// A header value must not contain CR, LF or NUL: they would end the header and let input forge new ones.
pub(crate) fn check_header_value(value: &str, field: &'static str) -> Result<(), Error> {
    if value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) {
        return Err(Error::invalid(field, "must not contain CR, LF or NUL characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_with_line_breaks_are_rejected_naming_the_field() {
        let err = check_header_value("42\r\nx-evil: 1", "user_id").unwrap_err();
        assert_eq!(err.field(), Some("user_id"));
        assert!(!err.to_string().contains("evil"));
        assert!(check_header_value("42\n", "user_id").is_err());
        assert!(check_header_value("42", "user_id").is_ok());
    }

    #[test]
    fn base_urls_are_checked_and_keep_their_path_prefix() {
        let base = BaseUrl::parse("http://127.0.0.1:8080/", "base_url").unwrap();
        assert_eq!(base.join("/v2/file/get"), "http://127.0.0.1:8080/v2/file/get");
        assert_eq!(base.path_prefix(), "");
        let proxied = BaseUrl::parse("https://proxy.example.com/pds", "base_url").unwrap();
        assert_eq!(proxied.path_prefix(), "/pds");
        for bad in ["ftp://x", "http://", "https://host/a b", "https://host/?q=1", "bj1.api.aliyunpds.com"] {
            assert_eq!(BaseUrl::parse(bad, "base_url").unwrap_err().field(), Some("base_url"), "{bad}");
        }
    }

    #[test]
    fn debug_redacts_credentials() {
        let headers = vec![
            ("Authorization".to_owned(), "Bearer very-secret".to_owned()),
            ("x-share-token".to_owned(), "share-secret".to_owned()),
        ];
        let request = HttpRequest { method: Method::Post, url: "http://x/".into(), headers, body: vec![] };
        let shown = format!("{request:?}");
        assert!(!shown.contains("very-secret") && !shown.contains("share-secret"), "{shown}");
        assert!(shown.contains("Authorization") && shown.contains("<redacted>"));
    }
}
