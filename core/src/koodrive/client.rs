//! A KooDrive client as data: base URL, credentials and retry policy, turning operations into calls.

use std::sync::Arc;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::api_error;
use super::credentials::Credentials;
use super::x_date;
use crate::auth::{Secret, TokenSource};
use crate::call::{Call, Protocol, Tick};
#[cfg(feature = "json")]
use crate::call::{Exchange, Operation};
use crate::driver::TokenCache;
use crate::error::Error;
use crate::http::{BaseUrl, DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse, Method, check_max_response_bytes};
use crate::retry::RetryPolicy;
use crate::throttle::{RateLimit, Throttle};

/// A KooDrive operation: its path, query and output; each operation file implements it once.
pub trait KooDriveOperation: Clone {
    /// The typed answer.
    #[cfg(feature = "json")]
    type Output: KooDriveAnswer + serde::de::DeserializeOwned;
    /// The typed answer.
    #[cfg(not(feature = "json"))]
    type Output: KooDriveAnswer;
    /// Whether the operation only reads, so repeating it after an unclear failure is safe.
    const READ_ONLY: bool;
    /// The operation's name in error messages.
    const NAME: &'static str;

    /// Checks every documented rule; runs before anything is sent.
    fn validate(&self) -> Result<(), Error>;
    /// The path, ids percent-encoded.
    fn path(&self) -> String;
    /// The query parameters that are set, values as text.
    fn query(&self) -> Vec<(&'static str, String)>;
    /// The caller's trace id for this request.
    fn trace_id(&self) -> Option<&str>;
}

/// A KooDrive answer's own result code and message, which can report an error under HTTP 200.
pub trait KooDriveAnswer {
    /// A top-level member of the answer as text (a number in its decimal form): `code` and `msg` are read.
    fn member_text(&self, name: &str) -> Option<String>;
}

/// RFC 3986's unreserved characters stay; everything else is percent-encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes text as one path segment or query value.
pub(crate) fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

#[derive(Debug, Clone, PartialEq)]
struct Config {
    base_url: BaseUrl,
    credentials: Credentials,
    retry: RetryPolicy,
    /// The longest response body a call accepts.
    max_response_bytes: u64,
    /// Shared by every call of the client and its clones.
    throttle: Arc<Throttle>,
    /// The provider's token, shared the same way.
    tokens: Arc<TokenCache>,
}

/// Everything a KooDrive call needs besides its input; cheap to clone and share between threads.
#[derive(Debug, Clone, PartialEq)]
pub struct KooDriveClient {
    config: Arc<Config>,
}

impl KooDriveClient {
    /// A client of the KooDrive service at `base_url` (the service runs per region; the URL is always the caller's).
    pub fn new(base_url: &str, credentials: Credentials) -> Result<Self, Error> {
        let base_url = BaseUrl::parse(base_url, "base_url")?;
        Ok(KooDriveClient {
            config: Arc::new(Config {
                base_url,
                credentials,
                retry: RetryPolicy::default(),
                max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
                throttle: Arc::default(),
                tokens: Arc::default(),
            }),
        })
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

    /// The base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.config.base_url
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
    pub fn call<O: KooDriveOperation>(&self, operation: O) -> Result<Call<KooDriveExchange<O>>, Error> {
        operation.validate()?;
        let exchange = KooDriveExchange { config: Arc::clone(&self.config), operation };
        Ok(Call::new(exchange, self.config.retry)
            .with_max_response_bytes(self.config.max_response_bytes)
            .sharing(Arc::clone(&self.config.throttle), Arc::clone(&self.config.tokens)))
    }
}

/// One KooDrive operation bound to its client's configuration.
#[derive(Debug, Clone)]
pub struct KooDriveExchange<O> {
    config: Arc<Config>,
    operation: O,
}

impl<O> KooDriveExchange<O> {
    /// The operation's input.
    pub fn operation(&self) -> &O {
        &self.operation
    }
}

impl<O: KooDriveOperation> Protocol for KooDriveExchange<O> {
    fn is_read_only(&self) -> bool {
        O::READ_ONLY
    }

    fn needs_access_token(&self) -> bool {
        self.config.credentials.token == TokenSource::Provider
    }

    fn build(&self, tick: Tick, access_token: Option<&Secret>) -> Result<HttpRequest, Error> {
        let credentials = &self.config.credentials;
        let token = credentials.token.resolve(access_token)?;
        let mut url = self.config.base_url.join(&self.operation.path());
        for (index, (name, value)) in self.operation.query().iter().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&encode_component(value));
        }
        // Every value below was checked for header safety when it entered the config or the request.
        let mut headers = vec![
            ("accept".to_owned(), "application/json".to_owned()),
            ("authorization".to_owned(), format!("Bearer {}", token.expose())),
            ("x-date".to_owned(), x_date::format(tick.unix_ms)),
            ("x-user-id".to_owned(), credentials.user_id.clone()),
        ];
        if let Some(trace_id) = self.operation.trace_id() {
            headers.push(("x-traceid".to_owned(), trace_id.to_owned()));
        }
        if let Some(language) = &credentials.language {
            headers.push(("language".to_owned(), language.clone()));
        }
        Ok(HttpRequest { method: Method::Get, url, headers, body: Vec::new() })
    }

    fn check(&self, response: &HttpResponse) -> Result<(), Error> {
        if response.is_success() { Ok(()) } else { Err(api_error::parse(response).into()) }
    }

    fn error_in_answer(&self, response: &HttpResponse, member: &dyn Fn(&str) -> Option<String>) -> Option<Error> {
        api_error::in_success_body(response, &member("code")?, member("msg").as_deref()).map(Error::from)
    }
}

#[cfg(feature = "json")]
impl<O: KooDriveOperation> Exchange for KooDriveExchange<O> {
    type Output = O::Output;

    fn parse(&self, response: &HttpResponse) -> Result<O::Output, Error> {
        self.check(response)?;
        let output: O::Output = crate::model::decode(&response.body, &format!("{} response", O::NAME))?;
        match self.error_in_answer(response, &|name| output.member_text(name)) {
            Some(error) => Err(error),
            None => Ok(output),
        }
    }
}

#[cfg(feature = "json")]
impl<O: KooDriveOperation> Operation<KooDriveClient> for O {
    type Exchange = KooDriveExchange<O>;

    fn call(self, client: &KooDriveClient) -> Result<Call<KooDriveExchange<O>>, Error> {
        client.call(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{Action, Event};
    use crate::koodrive::{ListAlbumFilesRequest, SortType};

    const NOV_3_2025_07_01_40: u64 = 1_762_153_300_000;

    fn first_request(credentials: Credentials, request: ListAlbumFilesRequest) -> HttpRequest {
        let client = KooDriveClient::new("https://koodrive.example.com/", credentials).unwrap();
        match client.call(request).unwrap().step(Event::Start, Tick { unix_ms: NOV_3_2025_07_01_40, random: 0 }) {
            Action::Send { request, .. } => request,
            other => panic!("expected a request, got {other:?}"),
        }
    }

    #[test]
    fn headers_follow_the_reference_page() {
        let credentials =
            Credentials::access_token("tok", "1765263620687613825").unwrap().with_language("en_us").unwrap();
        let request = first_request(
            credentials,
            ListAlbumFilesRequest {
                page_size: Some(100),
                page_cursor: Some("0".into()),
                sort_type: Some(SortType::ShootingTime),
                trace_id: Some("t".repeat(58)),
                ..ListAlbumFilesRequest::new("1795607640592646273")
            },
        );
        assert_eq!(request.method, Method::Get);
        assert_eq!(
            request.url,
            "https://koodrive.example.com/koodrive/ose/v1/album/1795607640592646273/list?pageSize=100&pageCursor=0&sortType=1"
        );
        assert_eq!(request.header("authorization"), Some("Bearer tok"));
        assert_eq!(request.header("x-date"), Some("20251103T070140Z"));
        assert_eq!(request.header("x-user-id"), Some("1765263620687613825"));
        assert_eq!(request.header("x-traceid"), Some("t".repeat(58).as_str()));
        assert_eq!(request.header("language"), Some("en_us"));
        assert!(request.body.is_empty());
    }

    #[test]
    fn per_user_inputs_are_checked_by_their_header_names() {
        assert_eq!(Credentials::access_token("t", "").unwrap_err().field(), Some("X-User-Id"));
        assert_eq!(Credentials::access_token("t", "1\n2").unwrap_err().field(), Some("X-User-Id"));
        let language = Credentials::access_token("t", "u").unwrap().with_language("en us").unwrap_err();
        assert_eq!(language.field(), Some("language"));
        let client =
            KooDriveClient::new("https://k.example.com", Credentials::access_token("t", "u").unwrap()).unwrap();
        let long_trace = ListAlbumFilesRequest { trace_id: Some("t".repeat(59)), ..ListAlbumFilesRequest::new("a") };
        assert_eq!(client.call(long_trace).unwrap_err().field(), Some("X-Traceid"));
    }

    #[test]
    fn a_non_zero_code_under_200_is_an_error() {
        let client =
            KooDriveClient::new("https://k.example.com", Credentials::access_token("t", "u").unwrap()).unwrap();
        let call = client.call(ListAlbumFilesRequest::new("a")).unwrap();
        let busy = HttpResponse::new(200, r#"{"code":"13000012","msg":"busy","contentList":[]}"#);
        let error = call.exchange().parse(&busy).unwrap_err();
        assert_eq!(error.api().map(|api| (api.code.as_str(), api.status)), Some(("13000012", 200)));
        let fine = HttpResponse::new(200, r#"{"code":"0","msg":"Success.","contentList":[]}"#);
        assert!(call.exchange().parse(&fine).is_ok());
        let odd = HttpResponse::new(200, r#"{"code":"E42","msg":"odd","contentList":[]}"#);
        assert_eq!(call.exchange().parse(&odd).unwrap_err().api().map(|api| api.code.clone()), Some("E42".into()));
    }
}
