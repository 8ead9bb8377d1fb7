//! Who a KooDrive caller is: a bearer token for a user, and that user's id.

use crate::auth::{Secret, TokenSource};
use crate::error::Error;
use crate::http::check_header_value;

/// KooDrive credentials and the per-user headers that travel with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Where the access token comes from.
    pub token: TokenSource,
    /// The user's KooDrive id (`X-User-Id`).
    pub user_id: String,
    /// The language of messages (`language`, e.g. `en_us`); the service uses English (United States) when unset.
    pub language: Option<String>,
}

impl Credentials {
    /// A user's access token, the same for every request.
    pub fn access_token(token: impl Into<String>, user_id: impl Into<String>) -> Result<Self, Error> {
        let token = TokenSource::Static(Secret::new(token, "access_token")?);
        Self::with_source(token, user_id.into())
    }

    /// Access tokens from the caller's provider, asked before every request.
    pub fn token_provider(user_id: impl Into<String>) -> Result<Self, Error> {
        Self::with_source(TokenSource::Provider, user_id.into())
    }

    /// The credentials a caller gave: exactly one of an access token and a token provider, the user's id, and
    /// optionally a language. Bindings pass on what the caller wrote.
    pub fn from_given(
        access_token: Option<String>,
        token_provider: bool,
        user_id: impl Into<String>,
        language: Option<String>,
    ) -> Result<Self, Error> {
        let credentials = match (access_token, token_provider) {
            (Some(token), false) => Self::access_token(token, user_id)?,
            (None, true) => Self::token_provider(user_id)?,
            (None, false) => {
                return Err(Error::invalid("access_token", "is required: give access_token or token_provider"));
            }
            (Some(_), true) => {
                return Err(Error::invalid("token_provider", "cannot go with access_token: give only one of them"));
            }
        };
        match language {
            Some(language) => credentials.with_language(language),
            None => Ok(credentials),
        }
    }

    /// The same credentials with a language for the service's messages.
    pub fn with_language(mut self, language: impl Into<String>) -> Result<Self, Error> {
        let language = language.into();
        let well_formed = !language.is_empty()
            && language.len() <= 16
            && language.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !well_formed {
            return Err(Error::invalid("language", "must be a language code such as en_us"));
        }
        self.language = Some(language);
        Ok(self)
    }

    fn with_source(token: TokenSource, user_id: String) -> Result<Self, Error> {
        if user_id.trim().is_empty() {
            return Err(Error::invalid("X-User-Id", "is required and must not be empty"));
        }
        check_header_value(&user_id, "X-User-Id")?;
        Ok(Credentials { token, user_id, language: None })
    }
}
