//! A PDS client as data: endpoint, credentials and retry policy, turning operations into calls.

use std::sync::Arc;

use serde::Serialize;

use super::api_error;
use super::credentials::Credentials;
use super::endpoint::Endpoint;
use super::signature::{http_date, signature, string_to_sign};
use crate::auth::Secret;
use crate::call::{Call, Protocol, Tick};
#[cfg(feature = "json")]
use crate::call::{Exchange, Operation};
use crate::driver::TokenCache;
use crate::error::Error;
use crate::http::{
    DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse, Method, check_header_value, check_max_response_bytes,
};
use crate::retry::RetryPolicy;
use crate::throttle::{RateLimit, Throttle};

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
    #[cfg(feature = "json")]
    type Output: serde::de::DeserializeOwned;
    /// The typed answer.
    #[cfg(not(feature = "json"))]
    type Output;

    /// Checks every documented rule; runs before anything is sent.
    fn validate(&self) -> Result<(), Error>;
}

#[derive(Debug, Clone, PartialEq)]
struct Config {
    endpoint: Endpoint,
    credentials: Credentials,
    retry: RetryPolicy,
    /// The longest response body a call accepts.
    max_response_bytes: u64,
    /// Shared by every call of the client and its clones.
    throttle: Arc<Throttle>,
    /// The provider's token, shared the same way.
    tokens: Arc<TokenCache>,
    user_agent: Option<String>,
}

impl Config {
    /// One attempt's request of an operation: the same for every operation but its action, path and body, so
    /// written once rather than once per operation.
    fn request(
        &self,
        action: &str,
        path: &str,
        body: Vec<u8>,
        tick: Tick,
        access_token: Option<&Secret>,
    ) -> Result<HttpRequest, Error> {
        let config = self;
        // Every value below is either constant or was checked for header safety when it entered the config.
        let mut headers: Vec<(String, String)> = Vec::with_capacity(12);
        let mut set = |name: &str, value: &str| headers.push((name.to_owned(), value.to_owned()));
        set("accept", "application/json");
        set("content-type", "application/json; charset=utf-8");
        set("x-acs-version", API_VERSION);
        set("x-acs-action", action);
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
                let path = format!("{}{}", config.endpoint.url().path_prefix(), path);
                let text = string_to_sign(Method::Post, &path, &[], &headers);
                headers.push(("authorization".to_owned(), format!("acs {id}:{}", signature(secret, &text))));
            }
        }
        Ok(HttpRequest { method: Method::Post, url: config.endpoint.url().join(path), headers, body })
    }
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
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            throttle: Arc::default(),
            tokens: Arc::default(),
            user_agent: Some(DEFAULT_USER_AGENT.to_owned()),
        };
        PdsClient { config: Arc::new(config) }
    }

    /// The same client pacing its requests by `limit`, with a retry budget of its own: adaptive by default, so
    /// that its calls slow down together when the service throttles.
    pub fn with_rate_limit(mut self, limit: RateLimit) -> Result<Self, Error> {
        limit.validate()?;
        Arc::make_mut(&mut self.config).throttle = Arc::new(Throttle::new(limit));
        Ok(self)
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

    /// The same client refusing response bodies longer than `max_response_bytes` (16 MiB by default), which its
    /// transport stops reading there: a server that answers without end cannot exhaust the app's memory.
    pub fn with_max_response_bytes(mut self, max_response_bytes: u64) -> Result<Self, Error> {
        check_max_response_bytes(max_response_bytes)?;
        Arc::make_mut(&mut self.config).max_response_bytes = max_response_bytes;
        Ok(self)
    }

    /// The longest response body a call accepts.
    pub fn max_response_bytes(&self) -> u64 {
        self.config.max_response_bytes
    }

    /// Checks the operation's input and returns the call that runs it; nothing is sent yet.
    pub fn call<O: PdsOperation>(&self, operation: O) -> Result<Call<PdsExchange<O>>, Error> {
        operation.validate()?;
        let exchange = PdsExchange { config: Arc::clone(&self.config), operation };
        Ok(Call::new(exchange, self.config.retry)
            .with_max_response_bytes(self.config.max_response_bytes)
            .sharing(Arc::clone(&self.config.throttle), Arc::clone(&self.config.tokens)))
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

impl<O: PdsOperation> Protocol for PdsExchange<O> {
    fn is_read_only(&self) -> bool {
        O::READ_ONLY
    }

    fn needs_access_token(&self) -> bool {
        matches!(self.config.credentials, Credentials::AccessToken(crate::auth::TokenSource::Provider))
    }

    fn build(&self, tick: Tick, access_token: Option<&Secret>) -> Result<HttpRequest, Error> {
        let body = serde_json::to_vec(&self.operation).map_err(|err| Error::invalid("body", err.to_string()))?;
        self.config.request(O::ACTION, O::PATH, body, tick, access_token)
    }

    fn check(&self, response: &HttpResponse) -> Result<(), Error> {
        if response.is_success() { Ok(()) } else { Err(api_error::parse(response).into()) }
    }
}

#[cfg(feature = "json")]
impl<O: PdsOperation> Exchange for PdsExchange<O> {
    type Output = O::Output;

    fn parse(&self, response: &HttpResponse) -> Result<O::Output, Error> {
        self.check(response)?;
        crate::model::decode(&response.body, &format!("{} response", O::ACTION))
    }
}

#[cfg(feature = "json")]
impl<O: PdsOperation> Operation<PdsClient> for O {
    type Exchange = PdsExchange<O>;

    fn call(self, client: &PdsClient) -> Result<Call<PdsExchange<O>>, Error> {
        client.call(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{Action, Event};
    use crate::pds::{GetFileRequest, ListDeltaRequest};

    const TICK: Tick = Tick { unix_ms: 1_795_368_414_000, random: 0x8a30960ed1d63628097a361324b58233 };

    fn first_request<O: PdsOperation>(credentials: Credentials, operation: O) -> HttpRequest
    where
        O::Output: std::fmt::Debug,
    {
        let client = PdsClient::new(Endpoint::domain("bj1").unwrap(), credentials);
        match client.call(operation).unwrap().step(Event::Start, TICK) {
            Action::Send { request, .. } => request,
            other => panic!("expected a request, got {other:?}"),
        }
    }

    #[test]
    fn a_bearer_token_travels_in_both_headers_and_nothing_is_signed() {
        let request = first_request(Credentials::access_token("tok").unwrap(), ListDeltaRequest::new("1"));
        assert_eq!(request.url, "https://bj1.api.aliyunpds.com/v2/file/list_delta");
        assert_eq!(request.header("authorization"), Some("Bearer tok"));
        assert_eq!(request.header("x-acs-bearer-token"), Some("tok"));
        assert_eq!(request.header("x-acs-action"), Some("ListDelta"));
        assert_eq!(request.header("x-acs-version"), Some("2022-03-01"));
        assert_eq!(request.header("date"), None, "browsers may not set Date; only signing needs it");
        assert_eq!(request.body, br#"{"drive_id":"1"}"#);
    }

    #[test]
    fn a_share_token_replaces_authorization() {
        let request = first_request(Credentials::share_token("share").unwrap(), GetFileRequest::in_share("s1", "f1"));
        assert_eq!(request.header("x-share-token"), Some("share"));
        assert_eq!(request.header("authorization"), None);
        assert_eq!(request.body, br#"{"share_id":"s1","file_id":"f1"}"#);
    }

    #[test]
    fn an_access_key_signs_with_the_ticks_date_and_nonce() {
        let request = first_request(
            Credentials::access_key("AKID", "SECRET").unwrap(),
            ListDeltaRequest { cursor: Some(String::new()), limit: Some(50), ..ListDeltaRequest::new("1") },
        );
        assert_eq!(request.header("date"), Some("Sun, 22 Nov 2026 17:26:54 GMT"));
        assert_eq!(request.header("x-acs-signature-nonce"), Some("8a30960ed1d63628097a361324b58233"));
        // The vector PROTOCOL.md records from the official SDK.
        assert_eq!(request.header("authorization"), Some("acs AKID:aZqs5wR9g3djJn++MXFER/3tbh0="));
    }

    #[test]
    fn sts_credentials_sign_their_security_token() {
        let plain = first_request(Credentials::access_key("AKID", "SECRET").unwrap(), ListDeltaRequest::new("1"));
        let sts = first_request(Credentials::sts("AKID", "SECRET", "STS-TOKEN").unwrap(), ListDeltaRequest::new("1"));
        assert_eq!(sts.header("x-acs-security-token"), Some("STS-TOKEN"));
        assert_ne!(sts.header("authorization"), plain.header("authorization"));
    }

    #[test]
    fn a_base_url_with_a_path_prefix_is_signed_with_the_full_path() {
        let client = PdsClient::new(
            Endpoint::base_url("https://proxy.example.com/pds/").unwrap(),
            Credentials::access_key("AKID", "SECRET").unwrap(),
        );
        let Action::Send { request, .. } = client.call(ListDeltaRequest::new("1")).unwrap().step(Event::Start, TICK)
        else {
            panic!("expected a request")
        };
        assert_eq!(request.url, "https://proxy.example.com/pds/v2/file/list_delta");
        let text =
            string_to_sign(Method::Post, "/pds/v2/file/list_delta", &[], &request.headers[..request.headers.len() - 1]);
        let secret = Secret::new("SECRET", "access_key_secret").unwrap();
        assert_eq!(request.header("authorization"), Some(format!("acs AKID:{}", signature(&secret, &text)).as_str()));
    }

    #[test]
    fn no_secret_shows_in_debug_output() {
        let client = PdsClient::new(
            Endpoint::domain("bj1").unwrap(),
            Credentials::sts("AKID", "THE-SECRET", "THE-STS-TOKEN").unwrap(),
        );
        let call = client.call(ListDeltaRequest::new("1")).unwrap();
        let shown = format!("{client:?} {call:?}");
        assert!(!shown.contains("THE-SECRET") && !shown.contains("THE-STS-TOKEN"), "{shown}");
        let request = first_request(Credentials::access_token("THE-TOKEN").unwrap(), ListDeltaRequest::new("1"));
        assert!(!format!("{request:?}").contains("THE-TOKEN"));
    }

    #[test]
    fn the_clients_response_limit_bounds_every_attempt_and_zero_is_refused_by_name() {
        let client = PdsClient::new(Endpoint::domain("bj1").unwrap(), Credentials::access_token("t").unwrap());
        let limited = client.clone().with_max_response_bytes(65_536).unwrap();
        let Action::Send { limits, .. } = limited.call(ListDeltaRequest::new("1")).unwrap().step(Event::Start, TICK)
        else {
            panic!("expected a request")
        };
        assert_eq!(limits.max_response_bytes, 65_536);
        assert_eq!(client.max_response_bytes(), crate::http::DEFAULT_MAX_RESPONSE_BYTES);
        assert_eq!(client.with_max_response_bytes(0).unwrap_err().field(), Some("max_response_bytes"));
    }

    #[test]
    fn invalid_input_fails_before_any_request_exists() {
        let client = PdsClient::new(Endpoint::domain("bj1").unwrap(), Credentials::access_token("t").unwrap());
        let error = client.call(ListDeltaRequest { limit: Some(101), ..ListDeltaRequest::new("1") }).unwrap_err();
        assert_eq!(error.field(), Some("limit"));
        let error = client.clone().with_user_agent(Some("agent\r\nx: y".into())).unwrap_err();
        assert_eq!(error.field(), Some("user_agent"));
    }
}
