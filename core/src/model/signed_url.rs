//! URLs that carry a signature or a security token in their query, shown redacted.

use std::fmt;

#[cfg(feature = "json")]
use serde::{Serialize, Serializer};

#[cfg(feature = "json")]
use super::Lenient;

/// A download, thumbnail or content URL. Its query often holds a signature or an STS token that grants access
/// on its own, so `Debug` shows only the part before `?`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct SignedUrl(String);

impl SignedUrl {
    /// Wraps a URL.
    pub fn new(url: impl Into<String>) -> Self {
        SignedUrl(url.into())
    }

    /// The whole URL, signature included: hand it to an HTTP client, never to a log.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The whole URL as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for SignedUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.split_once('?') {
            Some((base, _query)) => write!(f, "{base:?}?<redacted>"),
            None => write!(f, "{:?}", self.0),
        }
    }
}

impl From<String> for SignedUrl {
    fn from(url: String) -> Self {
        SignedUrl(url)
    }
}

#[cfg(feature = "json")]
impl Serialize for SignedUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(feature = "json")]
impl Lenient for SignedUrl {
    fn from_str(value: &str) -> Option<Self> {
        Some(SignedUrl(value.to_owned()))
    }
    fn from_string(value: String) -> Result<Self, String> {
        Ok(SignedUrl(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_query() {
        let url = SignedUrl::new("https://data.example.com/a%2Fb?Expires=1&Signature=abc");
        assert_eq!(format!("{url:?}"), "\"https://data.example.com/a%2Fb\"?<redacted>");
        assert!(url.as_str().ends_with("Signature=abc"));
    }
}
