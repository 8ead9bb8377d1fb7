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

/// Whatever a caller gave to say who it is, as given; [`Credentials::from_given`] takes exactly one kind.
#[derive(Default)]
pub struct GivenCredentials {
    /// A user's access token.
    pub access_token: Option<String>,
    /// A share link's token.
    pub share_token: Option<String>,
    /// An AccessKey id, which goes with its secret.
    pub access_key_id: Option<String>,
    /// An AccessKey secret.
    pub access_key_secret: Option<String>,
    /// The security token of temporary (STS) AccessKey credentials.
    pub security_token: Option<String>,
    /// Whether a token provider was given.
    pub token_provider: bool,
}

/// The kinds of credentials, as a caller names them.
const KINDS: &str = "access_token, share_token, access_key_id with access_key_secret, or token_provider";

impl Credentials {
    /// The one kind of credentials the caller gave, or an error naming what is missing or too much. Bindings
    /// pass on what the caller wrote; these rules are the same in every language.
    pub fn from_given(given: GivenCredentials) -> Result<Self, Error> {
        let GivenCredentials { access_token, share_token, access_key_id, access_key_secret, security_token, .. } =
            given;
        let key_pair = match (access_key_id, access_key_secret) {
            (Some(id), Some(secret)) => Some((id, secret)),
            (Some(_), None) => return Err(Error::invalid("access_key_secret", "is required with access_key_id")),
            (None, Some(_)) => return Err(Error::invalid("access_key_id", "is required with access_key_secret")),
            (None, None) => None,
        };
        if security_token.is_some() && key_pair.is_none() {
            return Err(Error::invalid(
                "security_token",
                "goes with access_key_id and access_key_secret (temporary STS credentials)",
            ));
        }
        let kinds = [
            ("access_token", access_token.is_some()),
            ("share_token", share_token.is_some()),
            ("access_key_id", key_pair.is_some()),
            ("token_provider", given.token_provider),
        ];
        let mut chosen = kinds.iter().filter(|(_, given)| *given).map(|(name, _)| *name);
        let (Some(first), second) = (chosen.next(), chosen.next()) else {
            return Err(Error::invalid("access_token", format!("is required: give one of {KINDS}")));
        };
        if let Some(second) = second {
            return Err(Error::invalid(second, format!("cannot go with {first}: give only one of {KINDS}")));
        }
        match (access_token, share_token, key_pair, security_token) {
            (Some(token), ..) => Self::access_token(token),
            (_, Some(token), ..) => Self::share_token(token),
            (_, _, Some((id, secret)), Some(security_token)) => Self::sts(id, secret, security_token),
            (_, _, Some((id, secret)), None) => Self::access_key(id, secret),
            _ => Ok(Self::token_provider()),
        }
    }
}

fn key_pair(id: String, secret: String) -> Result<(String, Secret), Error> {
    if id.is_empty() {
        return Err(Error::invalid("access_key_id", "must not be empty"));
    }
    check_header_value(&id, "access_key_id")?;
    Ok((id, Secret::new(secret, "access_key_secret")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(fill: impl FnOnce(&mut GivenCredentials)) -> Result<Credentials, Error> {
        let mut given = GivenCredentials::default();
        fill(&mut given);
        Credentials::from_given(given)
    }

    #[test]
    fn exactly_one_kind_of_credentials_is_taken_and_each_broken_rule_is_named() {
        assert!(matches!(given(|g| g.access_token = Some("t".into())), Ok(Credentials::AccessToken(_))));
        assert_eq!(given(|g| g.token_provider = true).unwrap(), Credentials::token_provider());
        let sts = given(|g| {
            g.access_key_id = Some("id".into());
            g.access_key_secret = Some("secret".into());
            g.security_token = Some("sts".into());
        });
        assert!(matches!(sts, Ok(Credentials::AccessKey { security_token: Some(_), .. })));

        let field = |fill: fn(&mut GivenCredentials)| given(fill).unwrap_err().field();
        assert_eq!(field(|_| {}), Some("access_token"));
        assert_eq!(field(|g| g.access_key_id = Some("id".into())), Some("access_key_secret"));
        assert_eq!(field(|g| g.access_key_secret = Some("s".into())), Some("access_key_id"));
        assert_eq!(field(|g| g.security_token = Some("s".into())), Some("security_token"));
        let two = given(|g| {
            g.access_token = Some("THE-TOKEN".into());
            g.share_token = Some("THE-SHARE".into());
        });
        let error = two.unwrap_err();
        assert_eq!(error.field(), Some("share_token"));
        assert!(!error.to_string().contains("THE-"), "no secret in the message: {error}");
    }
}
