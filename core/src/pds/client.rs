//! A PDS client as data: endpoint, credentials and retry policy, turning operations into calls.

use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::api_error;
use super::credentials::Credentials;
use super::endpoint::Endpoint;
use super::signature::{http_date, signature, string_to_sign};
use crate::auth::Secret;
use crate::call::{Call, Exchange, Tick};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method, check_header_value};
use crate::model::decode;
use crate::retry::RetryPolicy;

/// The API version every request names.
pub const API_VERSION: &str = "2022-03-01";

/// The user agent sent unless the caller chooses another.
pub const DEFAULT_USER_AGENT: &str = concat!("drivekit/", env!("CARGO_PKG_VERSION"));

/// A PDS operation: its action name, path, input rules and output; each operation file implements it once.
pub trait PdsOperation: Serialize + Clone {
    /// The action name, e.g. `ListDelta`.
    const ACTION: &'static str;
    /// The path, e.g. `/v2/file/list_delta`.
    const PATH: &'static str;
    /// Whether the operation only reads, so repeating it after an unclear failure is safe.
    const READ_ONLY: bool;
    /// The typed answer.
    type Output: DeserializeOwned;

    /// Checks every documented rule; runs before anything is sent.
    fn validate(&self) -> Result<(), Error>;
}

#[derive(Debug, Clone, PartialEq)]
struct Config {
    endpoint: Endpoint,
    credentials: Credentials,
    retry: RetryPolicy,
    user_agent: Option<String>,
}

/// Everything a PDS call needs besides its input; cheap to clone and share between threads.
#[derive(Debug, Clone, PartialEq)]
pub struct PdsClient {
    config: Arc<Config>,
}

impl PdsClient {
    /// A client with the default retry policy and user agent.
    pub fn new(endpoint: Endpoint, credentials: Credentials) -> Self {
        let config = Config {
            endpoint,
            credentials,
            retry: RetryPolicy::default(),
            user_agent: Some(DEFAULT_USER_AGENT.to_owned()),
        };
        PdsClient { config: Arc::new(config) }
    }

    /// The same client with another retry policy.
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Result<Self, Error> {
        retry.validate()?;
        Arc::make_mut(&mut self.config).retry = retry;
        Ok(self)
    }

    /// The same client with another user agent, or none (browsers set their own).
    pub fn with_user_agent(mut self, user_agent: Option<String>) -> Result<Self, Error> {
        if let Some(agent) = &user_agent {
            check_header_value(agent, "user_agent")?;
        }
        Arc::make_mut(&mut self.config).user_agent = user_agent;
        Ok(self)
    }

    /// The endpoint.
    pub fn endpoint(&self) -> &Endpoint {
        &self.config.endpoint
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.config.retry
    }

    /// Checks the operation's input and returns the call that runs it; nothing is sent yet.
    pub fn call<O: PdsOperation>(&self, operation: O) -> Result<Call<PdsExchange<O>>, Error> {
        operation.validate()?;
        let exchange = PdsExchange { config: Arc::clone(&self.config), operation };
        Ok(Call::new(exchange, self.config.retry))
    }
}

/// One PDS operation bound to its client's configuration.
#[derive(Debug, Clone)]
pub struct PdsExchange<O> {
    config: Arc<Config>,
    operation: O,
}

impl<O> PdsExchange<O> {
    /// The operation's input.
    pub fn operation(&self) -> &O {
        &self.operation
    }
}

impl<O: PdsOperation> Exchange for PdsExchange<O> {
    type Output = O::Output;

    fn is_read_only(&self) -> bool {
        O::READ_ONLY
    }

    fn needs_access_token(&self) -> bool {
        matches!(self.config.credentials, Credentials::AccessToken(crate::auth::TokenSource::Provider))
    }

    fn build(&self, tick: Tick, access_token: Option<&Secret>) -> Result<HttpRequest, Error> {
        let config = &*self.config;
        // Every value below is either constant or was checked for header safety when it entered the config.
        let mut headers: Vec<(String, String)> = Vec::with_capacity(12);
        let mut set = |name: &str, value: &str| headers.push((name.to_owned(), value.to_owned()));
        set("accept", "application/json");
        set("content-type", "application/json; charset=utf-8");
        set("x-acs-version", API_VERSION);
        set("x-acs-action", O::ACTION);
        if let Some(agent) = &config.user_agent {
            set("user-agent", agent);
        }
        match &config.credentials {
            Credentials::AccessToken(source) => {
                let token = source.resolve(access_token)?.expose();
                set("authorization", &format!("Bearer {token}"));
                set("x-acs-bearer-token", token);
            }
            Credentials::ShareToken(token) => set("x-share-token", token.expose()),
            Credentials::AccessKey { id, secret, security_token } => {
                set("date", &http_date(tick.unix_ms));
                set("x-acs-signature-nonce", &format!("{:032x}", tick.random));
                set("x-acs-signature-method", "HMAC-SHA1");
                set("x-acs-signature-version", "1.0");
                if let Some(token) = security_token {
                    set("x-acs-security-token", token.expose());
                }
                let path = format!("{}{}", config.endpoint.url().path_prefix(), O::PATH);
                let text = string_to_sign(Method::Post, &path, &[], &headers);
                headers.push(("authorization".to_owned(), format!("acs {id}:{}", signature(secret, &text))));
            }
        }
        let body = serde_json::to_vec(&self.operation).map_err(|err| Error::invalid("body", err.to_string()))?;
        Ok(HttpRequest { method: Method::Post, url: config.endpoint.url().join(O::PATH), headers, body })
    }

    fn parse(&self, response: &HttpResponse) -> Result<O::Output, Error> {
        if response.is_success() {
            decode(&response.body, &format!("{} response", O::ACTION))
        } else {
            Err(api_error::parse(response).into())
        }
    }
}
