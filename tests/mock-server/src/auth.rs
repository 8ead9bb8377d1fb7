//! Who a request comes from: the PDS schemes (bearer token, share token, AccessKey signature) and KooDrive's
//! bearer token with its `X-Date` and `X-User-Id` headers, each refused in its service's own terms.

use axum::http::{HeaderMap, Method, Uri};
use drivekit_core::auth::Secret;
use drivekit_core::http;
use drivekit_core::koodrive::x_date;
use drivekit_core::pds::signature::{signature, string_to_sign};

use crate::config::Config;
use crate::koodrive::error::KooDriveError;
use crate::pds::error::PdsError;

/// The credentials a mock accepts.
pub(crate) struct AcceptedCredentials {
    token: String,
    share_token: String,
    access_key_id: String,
    access_key_secret: Secret,
}

/// Who is calling PDS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PdsCaller {
    /// A user's token or the AccessKey pair: the whole drive.
    Owner,
    /// A share token: only what the share exposes, through `share_id`.
    Share,
}

impl AcceptedCredentials {
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let access_key_secret =
            Secret::new(config.access_key_secret.clone(), "access_key_secret").map_err(|err| err.to_string())?;
        for (value, name) in [(&config.token, "token"), (&config.share_token, "share token")] {
            if value.is_empty() {
                return Err(format!("the {name} must not be empty"));
            }
        }
        Ok(AcceptedCredentials {
            token: config.token.clone(),
            share_token: config.share_token.clone(),
            access_key_id: config.access_key_id.clone(),
            access_key_secret,
        })
    }

    /// Checks a PDS request's credentials. The official SDK sends `date`, a nonce and signature headers even
    /// with a bearer token, so the scheme is read from `Authorization` (or the token headers) alone.
    pub fn pds_caller(&self, method: &Method, uri: &Uri, headers: &HeaderMap) -> Result<PdsCaller, PdsError> {
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        let authorization = header("authorization").unwrap_or_default();
        let (scheme, credential) = authorization.split_once(' ').unwrap_or((authorization, ""));
        if scheme.eq_ignore_ascii_case("acs") {
            return self.verify_signature(method, uri, headers, credential.trim()).map(|()| PdsCaller::Owner);
        }
        let bearer = scheme.eq_ignore_ascii_case("bearer").then(|| credential.trim());
        if let Some(token) = bearer.or_else(|| header("x-acs-bearer-token")) {
            let agrees = header("x-acs-bearer-token").is_none_or(|again| again == token);
            return if token == self.token && agrees {
                Ok(PdsCaller::Owner)
            } else {
                Err(PdsError::unauthorized("AccessTokenInvalid", "The access token is invalid."))
            };
        }
        if let Some(token) = header("x-share-token") {
            return if token == self.share_token {
                Ok(PdsCaller::Share)
            } else {
                Err(PdsError::unauthorized("ShareLinkTokenInvalid", "The share token is invalid or has expired."))
            };
        }
        Err(PdsError::unauthorized("AccessTokenInvalid", "No access token, share token or signature was sent."))
    }

    /// Recomputes a version 1 signature from the received headers, path and sorted query.
    fn verify_signature(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        credential: &str,
    ) -> Result<(), PdsError> {
        let (key_id, sent) = credential.split_once(':').unwrap_or((credential, ""));
        if key_id != self.access_key_id {
            return Err(PdsError::forbidden("InvalidAccessKeyId.NotFound", "The AccessKey id does not exist."));
        }
        let received: Vec<(String, String)> = headers
            .iter()
            .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.trim().to_owned())))
            .collect();
        let query: Vec<(&str, &str)> = uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
            .collect();
        let Some(method) = core_method(method) else {
            return Err(PdsError::forbidden("SignatureDoesNotMatch", "The method cannot be signed."));
        };
        let expected = signature(&self.access_key_secret, &string_to_sign(method, uri.path(), &query, &received));
        if sent != expected {
            return Err(PdsError::forbidden(
                "SignatureDoesNotMatch",
                "The request signature does not conform to Aliyun standards.",
            ));
        }
        Ok(())
    }

    /// Checks a KooDrive request's headers: the gateway refuses a missing or wrong token, the service an
    /// `X-Date` outside its window or a missing `X-User-Id`.
    pub fn koodrive_caller(&self, headers: &HeaderMap, now_unix_ms: u64) -> Result<(), KooDriveError> {
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        let authorization = header("authorization").unwrap_or_default();
        let token = authorization.split_once(' ').filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"));
        if token.is_none_or(|(_, token)| token.trim() != self.token) {
            return Err(KooDriveError::gateway_unauthorized());
        }
        let Some(date) = header("x-date") else {
            return Err(KooDriveError::bad_header("X-Date", "is required"));
        };
        if let Err(error) = x_date::check(date, now_unix_ms) {
            let rule = match error {
                drivekit_core::Error::InvalidArgument { rule, .. } => rule,
                other => other.to_string(),
            };
            return Err(KooDriveError::bad_header("X-Date", &rule));
        }
        if header("x-user-id").is_none_or(|user| user.trim().is_empty()) {
            return Err(KooDriveError::bad_header("X-User-Id", "is required"));
        }
        Ok(())
    }
}

fn core_method(method: &Method) -> Option<http::Method> {
    Some(match *method {
        Method::GET => http::Method::Get,
        Method::POST => http::Method::Post,
        _ => return None,
    })
}
