//! Secrets and where access tokens come from; the services' own schemes live beside each service.

use std::fmt;

use crate::error::Error;
use crate::http::check_header_value;

/// A token or key. It never shows in `Debug` or `Display`, so it cannot leak through logs or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret, refusing an empty one or one that could not travel in a header.
    ///
    /// `field` names the input in the error (never the value).
    pub fn new(value: impl Into<String>, field: &'static str) -> Result<Self, Error> {
        let value = value.into();
        if value.is_empty() {
            return Err(Error::invalid(field, "must not be empty"));
        }
        check_header_value(&value, field)?;
        Ok(Secret(value))
    }

    /// The secret itself, for building a request.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Where a bearer access token comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// One token for every request.
    Static(Secret),
    /// The caller's provider: asked when the client has no token yet, and again when the service refuses the one
    /// it has, once for all the client's calls (see [`TokenCache`](crate::driver::TokenCache)); a call says so
    /// with [`Action::FetchAccessToken`](crate::call::Action::FetchAccessToken).
    Provider,
}

impl TokenSource {
    /// The token to use now: the static one, or the one the provider just gave.
    pub(crate) fn resolve<'a>(&'a self, provided: Option<&'a Secret>) -> Result<&'a Secret, Error> {
        match self {
            TokenSource::Static(token) => Ok(token),
            TokenSource::Provider => provided.ok_or_else(|| Error::TokenProvider("no token was provided".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2", "access_token").unwrap();
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn empty_or_multiline_secrets_are_refused_by_field() {
        assert_eq!(Secret::new("", "access_token").unwrap_err().field(), Some("access_token"));
        let err = Secret::new("a\r\nb", "share_token").unwrap_err();
        assert_eq!(err.field(), Some("share_token"));
        assert!(!err.to_string().contains("a\r\nb"));
    }
}
