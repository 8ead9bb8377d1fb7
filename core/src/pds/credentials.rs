//! How a PDS caller proves who it is.

use crate::auth::{Secret, TokenSource};
use crate::error::Error;
use crate::http::check_header_value;

/// PDS credentials: a user's access token, a share link's token, or an AccessKey pair that signs each request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// `Authorization: Bearer <token>` (and the same token in `x-acs-bearer-token`).
    AccessToken(TokenSource),
    /// `x-share-token: <token>`; the request names `share_id` instead of `drive_id`.
    ShareToken(Secret),
    /// An AccessKey pair signing every request (signature version 1, as the official SDK does by default).
    /// Never for browsers: the secret would ship inside the page.
    AccessKey {
        /// The AccessKey id (not secret; it names the key).
        id: String,
        /// The AccessKey secret.
        secret: Secret,
        /// The STS security token that comes with temporary credentials.
        security_token: Option<Secret>,
    },
}

impl Credentials {
    /// A user's access token, the same for every request.
    pub fn access_token(token: impl Into<String>) -> Result<Self, Error> {
        Secret::new(token, "access_token").map(|token| Credentials::AccessToken(TokenSource::Static(token)))
    }

    /// Access tokens from the caller's provider, asked before every request.
    pub fn token_provider() -> Self {
        Credentials::AccessToken(TokenSource::Provider)
    }

    /// A share link's token.
    pub fn share_token(token: impl Into<String>) -> Result<Self, Error> {
        Secret::new(token, "share_token").map(Credentials::ShareToken)
    }

    /// An AccessKey pair.
    pub fn access_key(id: impl Into<String>, secret: impl Into<String>) -> Result<Self, Error> {
        let (id, secret) = key_pair(id.into(), secret.into())?;
        Ok(Credentials::AccessKey { id, secret, security_token: None })
    }

    /// Temporary (STS) AccessKey credentials: the pair and its security token.
    pub fn sts(
        id: impl Into<String>,
        secret: impl Into<String>,
        security_token: impl Into<String>,
    ) -> Result<Self, Error> {
        let (id, secret) = key_pair(id.into(), secret.into())?;
        let security_token = Some(Secret::new(security_token, "security_token")?);
        Ok(Credentials::AccessKey { id, secret, security_token })
    }
}

fn key_pair(id: String, secret: String) -> Result<(String, Secret), Error> {
    if id.is_empty() {
        return Err(Error::invalid("access_key_id", "must not be empty"));
    }
    check_header_value(&id, "access_key_id")?;
    Ok((id, Secret::new(secret, "access_key_secret")?))
}
