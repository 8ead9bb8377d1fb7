//! What the integration tests share: a mock started in-process, the core's driver on reqwest and tokio, and
//! plain requests for what the core would refuse to send.

#![allow(dead_code)] // each test file uses its own part of this module

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use drivekit_core::call::{Call, Event, Exchange, Tick};
use drivekit_core::driver::Platform;
use drivekit_core::http::{AttemptLimits, HttpRequest, HttpResponse, Method};
use drivekit_core::koodrive::{self, KooDriveClient};
use drivekit_core::pds::{Credentials, Endpoint, PdsClient};
use drivekit_core::{Error, TransportErrorKind};
use drivekit_mock::{Config, DEFAULT_TOKEN, MockServer};
use serde_json::Value;

/// A mock and an HTTP client that keeps connections alive.
pub struct Harness {
    pub mock: MockServer,
    pub http: reqwest::Client,
}

impl Harness {
    pub async fn start() -> Self {
        Self::start_with(Config::default()).await
    }

    pub async fn start_with(config: Config) -> Self {
        let mock = drivekit_mock::spawn(config).await.expect("the mock starts");
        Harness { mock, http: reqwest::Client::new() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.mock.base_url())
    }

    /// A PDS client with the mock's default bearer token.
    pub fn pds(&self) -> PdsClient {
        self.pds_with(Credentials::access_token(DEFAULT_TOKEN).unwrap())
    }

    pub fn pds_with(&self, credentials: Credentials) -> PdsClient {
        PdsClient::new(Endpoint::base_url(self.mock.base_url()).unwrap(), credentials)
    }

    pub fn koodrive(&self) -> KooDriveClient {
        let credentials = koodrive::Credentials::access_token(DEFAULT_TOKEN, "1765263620687613825").unwrap();
        KooDriveClient::new(self.mock.base_url(), credentials).unwrap()
    }

    /// The platform calls run on: this harness's HTTP client and tokio's timers.
    pub fn platform(&self) -> HttpPlatform {
        HttpPlatform { http: self.http.clone(), provider: None }
    }

    /// Runs a call to its end through the core's driver.
    pub async fn run<E: Exchange>(&self, call: Call<E>) -> Result<E::Output, Error> {
        drivekit_core::driver::run(self.platform(), call).await
    }

    /// A PDS request as any client could send it, with the default bearer token.
    pub async fn post_pds(&self, path: &str, body: Value) -> (u16, Value) {
        let response = self
            .http
            .post(self.url(path))
            .bearer_auth(DEFAULT_TOKEN)
            .json(&body)
            .send()
            .await
            .expect("the mock answers");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// A control API request; `body` may be `Value::Null` for none.
    pub async fn control(&self, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        let mut request = self.http.request(method, self.url(&format!("/__mock{path}")));
        if !body.is_null() {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the control API answers");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// The request log's entries.
    pub async fn requests(&self) -> Vec<Value> {
        let (_, log) = self.control(reqwest::Method::GET, "/requests", Value::Null).await;
        log["requests"].as_array().cloned().unwrap_or_default()
    }
}

type Boxed<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// reqwest and tokio as the core's platform, as a binding on tokio would supply them.
#[derive(Clone)]
pub struct HttpPlatform {
    http: reqwest::Client,
    provider: Option<Arc<Provider>>,
}

/// A token provider whose first token has expired: it answers `expired-token` the first time it is asked, the
/// mock's token after that, and counts how often it is asked.
#[derive(Default)]
pub struct Provider {
    asked: AtomicU64,
}

impl Provider {
    /// How often it was asked.
    pub fn asked(&self) -> u64 {
        self.asked.load(Ordering::SeqCst)
    }

    fn token(&self) -> &'static str {
        if self.asked.fetch_add(1, Ordering::SeqCst) == 0 { "expired-token" } else { DEFAULT_TOKEN }
    }
}

impl HttpPlatform {
    /// The same platform, answering the client's provider with `provider`.
    pub fn with_provider(self, provider: Arc<Provider>) -> Self {
        HttpPlatform { provider: Some(provider), ..self }
    }
}

impl Platform for HttpPlatform {
    type Sending = Boxed<Event>;
    type Sleeping = Boxed<()>;
    type Fetching = Boxed<Event>;

    fn send(&self, request: HttpRequest, limits: AttemptLimits) -> Boxed<Event> {
        Box::pin(send(self.http.clone(), request, limits))
    }

    fn sleep(&self, wait: Duration) -> Boxed<()> {
        Box::pin(tokio::time::sleep(wait))
    }

    fn access_token(&self) -> Boxed<Event> {
        let answer = match &self.provider {
            Some(provider) => Event::provided_token(provider.token()),
            None => Event::TokenProviderFailed("this platform has no token provider".into()),
        };
        Box::pin(std::future::ready(answer))
    }

    fn tick(&self) -> Tick {
        tick()
    }
}

/// One exchange within `limits`: reqwest's timeout runs until the body's last byte, and the body is read chunk by
/// chunk, refused as soon as it is announced or found to be longer than allowed.
async fn send(http: reqwest::Client, request: HttpRequest, limits: AttemptLimits) -> Event {
    let method = match request.method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
    };
    let mut builder = http.request(method, &request.url).timeout(limits.timeout).body(request.body);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let failed = |error: reqwest::Error| {
        let kind = if error.is_connect() {
            TransportErrorKind::Connect
        } else if error.is_timeout() {
            TransportErrorKind::Timeout
        } else {
            TransportErrorKind::Io
        };
        Event::TransportFailed { kind, message: error.to_string() }
    };
    let mut response = match builder.send().await {
        Ok(response) => response,
        Err(error) => return failed(error),
    };
    let too_large = || Event::TransportFailed {
        kind: TransportErrorKind::ResponseTooLarge,
        message: format!("the body is longer than {} bytes", limits.max_response_bytes),
    };
    if response.content_length().is_some_and(|announced| limits.is_too_large(announced)) {
        return too_large();
    }
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap_or_default().to_owned()))
        .collect();
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if limits.is_too_large((body.len() + chunk.len()) as u64) => return too_large(),
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Event::Response(HttpResponse { status, headers, body }),
            Err(error) => return failed(error),
        }
    }
}

/// The time now and a fresh random value, as a binding's driver gives them.
pub fn tick() -> Tick {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let unix_ms = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64;
    let random =
        u128::from(NEXT.fetch_add(1, Ordering::Relaxed)).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835);
    Tick { unix_ms, random }
}

/// The service error a call ended with.
pub fn api_error(result: Result<impl std::fmt::Debug, Error>) -> drivekit_core::ApiError {
    match result {
        Err(error) => error.api().cloned().unwrap_or_else(|| panic!("not a service error: {error:?}")),
        Ok(output) => panic!("expected a service error, got {output:?}"),
    }
}
