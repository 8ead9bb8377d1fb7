//! A call as a state machine: it says what to do next and is told what happened, so that any platform can run
//! it with its own send, sleep and clock, and every retry decision is made here, once.
//!
//! A driver loop is all a binding writes:
//!
//! ```
//! use drivekit_core::call::{Action, Event, Tick};
//! use drivekit_core::http::HttpResponse;
//! use drivekit_core::pds::{Credentials, Endpoint, GetLastCursorRequest, PdsClient};
//!
//! let client = PdsClient::new(Endpoint::base_url("http://127.0.0.1:9")?, Credentials::access_token("token")?);
//! let mut call = client.call(GetLastCursorRequest::new("1"))?;
//! let tick = Tick { unix_ms: 1_795_368_414_000, random: 7 };
//! let mut event = Event::Start;
//! let cursor = loop {
//!     match call.step(event, tick) {
//!         Action::Send { request, .. } => {
//!             assert!(request.url.ends_with("/v2/file/get_last_cursor"));
//!             event = Event::Response(HttpResponse::new(200, r#"{"cursor":"c1"}"#)); // the transport's answer
//!         }
//!         Action::Sleep(_) => event = Event::Slept,
//!         Action::FetchAccessToken => unreachable!("a static token needs no provider"),
//!         Action::Done(result) => break result?,
//!     }
//! };
//! assert_eq!(cursor.cursor.as_deref(), Some("c1"));
//! # Ok::<(), drivekit_core::Error>(())
//! ```

use std::sync::Arc;
use std::time::Duration;

use crate::auth::Secret;
use crate::driver::TokenCache;
use crate::error::{ApiErrorKind, Error, TransportErrorKind};
use crate::http::{AttemptLimits, DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse};
use crate::retry::{self, RetryPolicy, Retryable};
use crate::throttle::{RETRY_COST, TIMEOUT_RETRY_COST, Throttle};

/// What the driver knows at a step: the wall-clock time and a fresh random value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    /// Milliseconds since the Unix epoch.
    pub unix_ms: u64,
    /// A random value, new at every step (nonces and jitter are made from it).
    pub random: u128,
}

/// What the driver must do next.
#[derive(Debug)]
#[must_use]
pub enum Action<T> {
    /// Ask the caller's token provider for an access token and report it with [`Event::AccessToken`].
    FetchAccessToken,
    /// Send this request within `limits`, and report the outcome.
    Send {
        /// The request, complete with auth.
        request: HttpRequest,
        /// How long this attempt may take, its body included, and how long its body may be.
        limits: AttemptLimits,
    },
    /// Wait this long (cancellably), then report [`Event::Slept`].
    Sleep(Duration),
    /// The call is over.
    Done(Result<T, Error>),
}

/// What happened since the last action.
#[derive(Debug)]
pub enum Event {
    /// Nothing yet: the first step of a call.
    Start,
    /// The token provider's answer to [`Action::FetchAccessToken`].
    AccessToken(Secret),
    /// The token provider failed.
    TokenProviderFailed(String),
    /// The transport's answer to [`Action::Send`].
    Response(HttpResponse),
    /// The transport could not complete [`Action::Send`].
    TransportFailed {
        /// How far the request got.
        kind: TransportErrorKind,
        /// The platform's description (no secrets: transports never print headers).
        message: String,
    },
    /// The wait asked for by [`Action::Sleep`] is over.
    Slept,
    /// The caller gave up on the call.
    Cancelled,
}

impl Event {
    /// The provider's answer as an event: its token, or a provider failure when the text cannot be a token
    /// (empty, or holding a line break).
    pub fn provided_token(token: impl Into<String>) -> Event {
        match Secret::new(token, "access_token") {
            Ok(token) => Event::AccessToken(token),
            Err(error) => Event::TokenProviderFailed(error.to_string()),
        }
    }
}

/// The request side of a service's exchange, and its error answers: everything a call needs but reading a
/// successful answer. Each service implements it once; a platform that reads answers its own way (the
/// browser's `JSON.parse`) wraps it in an [`Exchange`] of its own.
pub trait Protocol {
    /// Whether the exchange reads only, so resending after an unclear failure cannot change anything.
    fn is_read_only(&self) -> bool;

    /// Whether each attempt needs a token from the caller's provider.
    fn needs_access_token(&self) -> bool;

    /// Builds one attempt's request; `tick` dates and signs it, `access_token` is the provider's token.
    fn build(&self, tick: Tick, access_token: Option<&Secret>) -> Result<HttpRequest, Error>;

    /// The service's error when the response is an error answer, in the service's own shape; `Ok` when its body
    /// is the answer to read.
    fn check(&self, response: &HttpResponse) -> Result<(), Error>;

    /// The error that a successful answer names in its own members, as some services report failures under
    /// HTTP 200; `member` reads a top-level member of the answer as text (numbers in their decimal form).
    fn error_in_answer(&self, response: &HttpResponse, member: &dyn Fn(&str) -> Option<String>) -> Option<Error> {
        let _ = (response, member);
        None
    }
}

/// One request/response exchange of a service as pure functions: its [`Protocol`] and the reading of its answer.
pub trait Exchange: Protocol {
    /// The call's typed result.
    type Output;

    /// Reads a response: the typed output, or the service's error in its own shape.
    fn parse(&self, response: &HttpResponse) -> Result<Self::Output, Error>;
}

/// An operation of a service, whichever: the client it runs on turns it into a call. Both services' operations
/// implement it, so a driver, a walk or a binding is written once for all of them.
pub trait Operation<Client> {
    /// The exchange the call runs.
    type Exchange: Exchange;

    /// Validates the input and returns the call; nothing is sent yet.
    fn call(self, client: &Client) -> Result<Call<Self::Exchange>, Error>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    AwaitingToken,
    /// Waiting for the rate limiter's turn, which is reserved.
    Pacing,
    AwaitingResponse,
    Sleeping,
    Finished,
}

/// A call in progress: feed it events with [`Call::step`] and do what it answers.
#[derive(Debug)]
pub struct Call<E: Protocol> {
    exchange: E,
    policy: RetryPolicy,
    /// The longest response body accepted.
    max_response_bytes: u64,
    throttle: Arc<Throttle>,
    tokens: Arc<TokenCache>,
    /// The token the service just refused, while the call waits for another.
    refused: Option<Secret>,
    /// What the retries so far took from the retry budget.
    spent: u32,
    state: State,
    attempts: u32,
    started_ms: Option<u64>,
    refreshed_token: bool,
    access_token: Option<Secret>,
    last_failure: Option<Error>,
}

impl<E: Protocol> Call<E> {
    /// A call that has not started, pacing itself and spending retries alone (see [`Call::sharing`]).
    pub fn new(exchange: E, policy: RetryPolicy) -> Self {
        Call {
            exchange,
            policy,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            throttle: Arc::default(),
            tokens: Arc::default(),
            refused: None,
            spent: 0,
            state: State::Start,
            attempts: 0,
            started_ms: None,
            refreshed_token: false,
            access_token: None,
            last_failure: None,
        }
    }

    /// The same call, drawing on a client's shared retry budget, rate limiter and access token.
    pub fn sharing(mut self, throttle: Arc<Throttle>, tokens: Arc<TokenCache>) -> Self {
        self.throttle = throttle;
        self.tokens = tokens;
        self
    }

    /// The same call, refusing response bodies longer than `max_response_bytes` (the client checked the value).
    pub fn with_max_response_bytes(mut self, max_response_bytes: u64) -> Self {
        self.max_response_bytes = max_response_bytes;
        self
    }

    /// The access token its client's calls share, which a driver consults before asking the provider.
    pub(crate) fn tokens(&self) -> &Arc<TokenCache> {
        &self.tokens
    }

    /// The token the service refused, when the token asked for now is to replace it.
    pub(crate) fn refused_token(&self) -> Option<&Secret> {
        self.refused.as_ref()
    }

    /// The exchange this call runs.
    pub fn exchange(&self) -> &E {
        &self.exchange
    }

    /// How many requests have been handed out so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The same call on another exchange made of this one's: the same protocol with its answers read another way
    /// (see [`Protocol`]), and every setting of the call kept.
    pub fn map_exchange<F: Protocol>(self, wrap: impl FnOnce(E) -> F) -> Call<F> {
        // Every field named, so that a setting added later cannot be left behind here unnoticed.
        let Call {
            exchange,
            policy,
            max_response_bytes,
            throttle,
            tokens,
            refused,
            spent,
            state,
            attempts,
            started_ms,
            refreshed_token,
            access_token,
            last_failure,
        } = self;
        let exchange = wrap(exchange);
        Call {
            exchange,
            policy,
            max_response_bytes,
            throttle,
            tokens,
            refused,
            spent,
            state,
            attempts,
            started_ms,
            refreshed_token,
            access_token,
            last_failure,
        }
    }
}

impl<E: Exchange> Call<E> {
    /// Advances the call with what happened and the current time; answers what to do next.
    /// Once it has answered [`Action::Done`], it stays finished and answers `Done(Err(Cancelled))`.
    pub fn step(&mut self, event: Event, tick: Tick) -> Action<E::Output> {
        let started_ms = *self.started_ms.get_or_insert(tick.unix_ms);
        let elapsed = Duration::from_millis(tick.unix_ms.saturating_sub(started_ms));
        match (self.state, event) {
            (State::Finished, _) | (_, Event::Cancelled) => self.finish(Err(Error::Cancelled)),
            (State::Start, Event::Start) | (State::Sleeping, Event::Slept) => self.next_attempt(tick, elapsed),
            (State::Pacing, Event::Slept) => self.dispatch(tick, elapsed),
            (State::AwaitingToken, Event::AccessToken(token)) => {
                self.refused = None;
                self.access_token = Some(token);
                self.send(tick, elapsed)
            }
            (State::AwaitingToken, Event::TokenProviderFailed(message)) => {
                self.finish(Err(Error::TokenProvider(message)))
            }
            (State::AwaitingResponse, Event::Response(response)) => self.on_response(response, tick, elapsed),
            (State::AwaitingResponse, Event::TransportFailed { kind, message }) => {
                let error = match kind {
                    // The same request would get the same answer: never resent, whatever the operation.
                    TransportErrorKind::ResponseTooLarge => return self.finish(Err(self.too_large())),
                    TransportErrorKind::Connect => Error::Transport { kind, message },
                    // The request may have left: a change may have been applied, with nobody to say so.
                    _ if !self.exchange.is_read_only() => Error::OutcomeUnknown { kind, message },
                    TransportErrorKind::Timeout => Error::Timeout(self.policy.attempt_timeout),
                    TransportErrorKind::Io => Error::Transport { kind, message },
                };
                let retryable = retry::classify_transport(kind, self.exchange.is_read_only());
                self.retry_or_finish(retryable, error, tick, elapsed)
            }
            (state, event) => self.finish(Err(Error::invalid(
                "event",
                format!("{} does not answer a call that is {state:?}", event_name(&event)),
            ))),
        }
    }

    fn next_attempt(&mut self, tick: Tick, elapsed: Duration) -> Action<E::Output> {
        if self.exchange.needs_access_token() {
            self.state = State::AwaitingToken;
            return Action::FetchAccessToken;
        }
        self.send(tick, elapsed)
    }

    /// Takes the rate limiter's turn, waiting for it when the client sends faster than the service allows.
    fn send(&mut self, tick: Tick, elapsed: Duration) -> Action<E::Output> {
        match self.throttle.acquire(tick.unix_ms) {
            Some(wait) if elapsed + wait >= self.policy.total_timeout => {
                self.finish(Err(Error::Timeout(self.policy.total_timeout)))
            }
            Some(wait) => {
                self.state = State::Pacing;
                Action::Sleep(wait)
            }
            None => self.dispatch(tick, elapsed),
        }
    }

    fn dispatch(&mut self, tick: Tick, elapsed: Duration) -> Action<E::Output> {
        let Some(remaining) = self.policy.total_timeout.checked_sub(elapsed).filter(|left| !left.is_zero()) else {
            return self.finish(Err(Error::Timeout(self.policy.total_timeout)));
        };
        match self.exchange.build(tick, self.access_token.as_ref()) {
            Ok(request) => {
                self.attempts += 1;
                self.state = State::AwaitingResponse;
                let limits = AttemptLimits {
                    timeout: self.policy.attempt_timeout.min(remaining),
                    max_response_bytes: self.max_response_bytes,
                };
                Action::Send { request, limits }
            }
            Err(error) => self.finish(Err(error)),
        }
    }

    fn on_response(&mut self, response: HttpResponse, tick: Tick, elapsed: Duration) -> Action<E::Output> {
        // A transport that does not bound what it reads (an app's own, say) still gets the same answer.
        if u64::try_from(response.body.len()).unwrap_or(u64::MAX) > self.max_response_bytes {
            return self.finish(Err(self.too_large()));
        }
        let parsed = self.exchange.parse(&response);
        let throttled = response.status == 429
            || matches!(&parsed, Err(Error::Api(api)) if api.kind == ApiErrorKind::TooManyRequests);
        self.throttle.observe(throttled, tick.unix_ms);
        let error = match parsed {
            Ok(output) => {
                self.throttle.succeeded(self.spent);
                return self.finish(Ok(output));
            }
            Err(error) => error,
        };
        // A provider's token was refused: ask it once more (it may refresh) before giving up.
        if response.status == 401 && self.exchange.needs_access_token() && !self.refreshed_token {
            self.refreshed_token = true;
            self.refused = self.access_token.take();
            self.state = State::AwaitingToken;
            return Action::FetchAccessToken;
        }
        if response.is_success() {
            return self.finish(Err(error));
        }
        let retryable = retry::classify_response(&response, self.exchange.is_read_only(), tick.unix_ms);
        self.retry_or_finish(retryable, error, tick, elapsed)
    }

    fn retry_or_finish(
        &mut self,
        retryable: Retryable,
        error: Error,
        tick: Tick,
        elapsed: Duration,
    ) -> Action<E::Output> {
        let asked_wait = match retryable {
            Retryable::No => return self.finish(Err(error)),
            Retryable::Backoff => None,
            Retryable::After(wait) => wait,
        };
        let give_up = |error: Error| match error {
            Error::Api(api) if api.status == 429 => Error::RateLimited { retry_after: asked_wait, api },
            other => other,
        };
        if self.attempts >= self.policy.max_attempts {
            return self.finish(Err(give_up(error)));
        }
        let jitter = tick.random as u64; // the low 64 bits are plenty to spread waits
        let wait = asked_wait.unwrap_or_else(|| self.policy.backoff(self.attempts, jitter));
        if elapsed + wait >= self.policy.total_timeout {
            return self.finish(Err(give_up(error)));
        }
        // An outage would otherwise cost every call all its attempts: the client's budget says when to stop.
        let cost = if matches!(error, Error::Timeout(_)) { TIMEOUT_RETRY_COST } else { RETRY_COST };
        if !self.throttle.withdraw(cost) {
            return self.finish(Err(give_up(error)));
        }
        self.spent += cost;
        self.last_failure = Some(error);
        self.state = State::Sleeping;
        Action::Sleep(wait)
    }

    fn too_large(&self) -> Error {
        Error::ResponseTooLarge { limit: self.max_response_bytes }
    }

    fn finish(&mut self, result: Result<E::Output, Error>) -> Action<E::Output> {
        self.state = State::Finished;
        self.access_token = None;
        self.last_failure = None;
        Action::Done(result)
    }

    /// The failure that the current wait is retrying, for progress reporting.
    pub fn last_failure(&self) -> Option<&Error> {
        self.last_failure.as_ref()
    }
}

fn event_name(event: &Event) -> &'static str {
    match event {
        Event::Start => "Start",
        Event::AccessToken(_) => "AccessToken",
        Event::TokenProviderFailed(_) => "TokenProviderFailed",
        Event::Response(_) => "Response",
        Event::TransportFailed { .. } => "TransportFailed",
        Event::Slept => "Slept",
        Event::Cancelled => "Cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, Service};
    use crate::http::Method;

    /// An exchange whose answer is the body's text, and whose errors are the status.
    #[derive(Debug)]
    struct Echo {
        read_only: bool,
        provider: bool,
    }

    impl Protocol for Echo {
        fn is_read_only(&self) -> bool {
            self.read_only
        }
        fn needs_access_token(&self) -> bool {
            self.provider
        }
        fn build(&self, tick: Tick, token: Option<&Secret>) -> Result<HttpRequest, Error> {
            let auth = token.map(|t| t.expose().to_owned()).unwrap_or_default();
            let headers = vec![("authorization".into(), auth), ("x-now".into(), tick.unix_ms.to_string())];
            Ok(HttpRequest { method: Method::Get, url: "http://mock/".into(), headers, body: Vec::new() })
        }
        fn check(&self, response: &HttpResponse) -> Result<(), Error> {
            if response.is_success() {
                return Ok(());
            }
            Err(ApiError::new(Service::Pds, response.status, String::new(), "failed".into(), None).into())
        }
    }

    impl Exchange for Echo {
        type Output = String;
        fn parse(&self, response: &HttpResponse) -> Result<String, Error> {
            self.check(response)?;
            Ok(String::from_utf8_lossy(&response.body).into_owned())
        }
    }

    fn tick(unix_ms: u64) -> Tick {
        Tick { unix_ms, random: 0 }
    }

    fn call(read_only: bool) -> Call<Echo> {
        Call::new(Echo { read_only, provider: false }, RetryPolicy::default())
    }

    fn expect_send<T: fmt::Debug>(action: Action<T>) -> (HttpRequest, AttemptLimits) {
        match action {
            Action::Send { request, limits } => (request, limits),
            other => panic!("expected Send, got {other:?}"),
        }
    }

    fn failed(kind: TransportErrorKind) -> Event {
        Event::TransportFailed { kind, message: "connection reset".into() }
    }

    use std::fmt;

    #[test]
    fn a_success_finishes_after_one_send() {
        let mut call = call(true);
        expect_send(call.step(Event::Start, tick(0)));
        let done = call.step(Event::Response(HttpResponse::new(200, "ok")), tick(5));
        assert!(matches!(done, Action::Done(Ok(ref text)) if text == "ok"));
        assert_eq!(call.attempts(), 1);
        assert!(matches!(call.step(Event::Start, tick(6)), Action::Done(Err(Error::Cancelled))));
    }

    #[test]
    fn a_429_waits_as_long_as_retry_after_says_then_resends_with_a_fresh_time() {
        let mut call = call(false);
        expect_send(call.step(Event::Start, tick(1_000)));
        let throttled = HttpResponse::new(429, "").with_header("Retry-After", "2");
        assert!(
            matches!(call.step(Event::Response(throttled), tick(1_100)), Action::Sleep(d) if d == Duration::from_secs(2))
        );
        let (request, _) = expect_send(call.step(Event::Slept, tick(3_100)));
        assert_eq!(request.header("x-now"), Some("3100"));
        assert!(matches!(call.step(Event::Response(HttpResponse::new(200, "ok")), tick(3_200)), Action::Done(Ok(_))));
        assert_eq!(call.attempts(), 2);
    }

    #[test]
    fn persistent_429s_end_as_rate_limited_with_the_last_retry_after() {
        let mut call = Call::new(
            Echo { read_only: true, provider: false },
            RetryPolicy { max_attempts: 2, ..RetryPolicy::default() },
        );
        expect_send(call.step(Event::Start, tick(0)));
        let throttled = || HttpResponse::new(429, "").with_header("Retry-After", "1");
        assert!(matches!(call.step(Event::Response(throttled()), tick(0)), Action::Sleep(_)));
        // Woken late enough that the rate limiter, slowed by the refusal, has a turn ready as well.
        expect_send(call.step(Event::Slept, tick(2_000)));
        match call.step(Event::Response(throttled()), tick(2_000)) {
            Action::Done(Err(Error::RateLimited { retry_after, api })) => {
                assert_eq!(retry_after, Some(Duration::from_secs(1)));
                assert_eq!(api.status, 429);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn server_errors_are_retried_with_growing_backoff_only_when_read_only() {
        let mut reading = call(true);
        expect_send(reading.step(Event::Start, tick(0)));
        let first = reading.step(Event::Response(HttpResponse::new(503, "")), tick(0));
        expect_send(reading.step(Event::Slept, tick(100)));
        let second = reading.step(Event::Response(HttpResponse::new(500, "")), tick(100));
        match (first, second) {
            (Action::Sleep(a), Action::Sleep(b)) => assert!(a < b, "{a:?} then {b:?}"),
            other => panic!("{other:?}"),
        }

        let mut writing = call(false);
        expect_send(writing.step(Event::Start, tick(0)));
        let done = writing.step(Event::Response(HttpResponse::new(503, "")), tick(0));
        assert!(matches!(done, Action::Done(Err(Error::Api(ref api))) if api.status == 503));
    }

    #[test]
    fn an_update_is_resent_only_when_it_provably_never_left() {
        let mut writing = call(false);
        expect_send(writing.step(Event::Start, tick(0)));
        assert!(matches!(writing.step(failed(TransportErrorKind::Connect), tick(0)), Action::Sleep(_)));
        expect_send(writing.step(Event::Slept, tick(200)));
        let done = writing.step(failed(TransportErrorKind::Io), tick(300));
        assert!(matches!(done, Action::Done(Err(Error::OutcomeUnknown { kind: TransportErrorKind::Io, .. }))));
        let mut timed_out = call(false);
        expect_send(timed_out.step(Event::Start, tick(0)));
        let done = timed_out.step(failed(TransportErrorKind::Timeout), tick(30_000));
        assert!(matches!(done, Action::Done(Err(Error::OutcomeUnknown { kind: TransportErrorKind::Timeout, .. }))));

        let mut reading = call(true);
        expect_send(reading.step(Event::Start, tick(0)));
        assert!(matches!(reading.step(failed(TransportErrorKind::Io), tick(0)), Action::Sleep(_)));
        expect_send(reading.step(Event::Slept, tick(200)));
        assert!(matches!(reading.step(failed(TransportErrorKind::Timeout), tick(300)), Action::Sleep(_)));
    }

    #[test]
    fn every_attempt_carries_the_response_size_limit_the_default_16_mib_unless_set() {
        let (_, limits) = expect_send(call(true).step(Event::Start, tick(0)));
        assert_eq!(limits.max_response_bytes, 16 * 1024 * 1024);
        let mut limited = call(true).with_max_response_bytes(1_000).map_exchange(|echo| echo);
        let (_, limits) = expect_send(limited.step(Event::Start, tick(0)));
        assert_eq!(limits.max_response_bytes, 1_000);
        assert!(!limits.is_too_large(1_000) && limits.is_too_large(1_001));
    }

    #[test]
    fn an_answer_too_large_to_read_ends_the_call_at_once_unretried_for_reads_and_changes() {
        for read_only in [true, false] {
            let mut call = call(read_only).with_max_response_bytes(1_000);
            expect_send(call.step(Event::Start, tick(0)));
            let too_large = Event::TransportFailed {
                kind: TransportErrorKind::ResponseTooLarge,
                message: "more than 1000 bytes".into(),
            };
            match call.step(too_large, tick(10)) {
                Action::Done(Err(error @ Error::ResponseTooLarge { limit: 1_000 })) => {
                    assert_eq!(error.code(), "response_too_large");
                    assert!(error.to_string().contains("limit of 1000 bytes"), "{error}");
                }
                other => panic!("read only {read_only}: {other:?}"),
            }
            assert_eq!(call.attempts(), 1);
        }
    }

    #[test]
    fn a_body_past_the_limit_is_refused_even_from_a_transport_that_read_it_whole() {
        let mut call = call(true).with_max_response_bytes(4);
        expect_send(call.step(Event::Start, tick(0)));
        let done = call.step(Event::Response(HttpResponse::new(200, "12345")), tick(0));
        assert!(matches!(done, Action::Done(Err(Error::ResponseTooLarge { limit: 4 }))), "{done:?}");
        let mut at_the_limit = self::call(true).with_max_response_bytes(4);
        expect_send(at_the_limit.step(Event::Start, tick(0)));
        let done = at_the_limit.step(Event::Response(HttpResponse::new(200, "1234")), tick(0));
        assert!(matches!(done, Action::Done(Ok(ref text)) if text == "1234"), "{done:?}");
    }

    #[test]
    fn no_retry_starts_that_would_end_past_the_total_timeout() {
        let policy = RetryPolicy { total_timeout: Duration::from_secs(5), ..RetryPolicy::default() };
        let mut call = Call::new(Echo { read_only: true, provider: false }, policy);
        let (_, limits) = expect_send(call.step(Event::Start, tick(0)));
        assert_eq!(limits.timeout, Duration::from_secs(5), "an attempt never outlives the call");
        let throttled = HttpResponse::new(429, "").with_header("Retry-After", "10");
        assert!(matches!(
            call.step(Event::Response(throttled), tick(100)),
            Action::Done(Err(Error::RateLimited { .. }))
        ));

        let mut late = Call::new(Echo { read_only: true, provider: false }, policy);
        expect_send(late.step(Event::Start, tick(0)));
        let (_, limits) = {
            assert!(matches!(late.step(failed(TransportErrorKind::Connect), tick(4_000)), Action::Sleep(_)));
            expect_send(late.step(Event::Slept, tick(4_200)))
        };
        assert_eq!(limits.timeout, Duration::from_millis(800));
    }

    #[test]
    fn a_provider_is_asked_before_every_attempt_and_once_more_after_a_401() {
        let mut call = Call::new(Echo { read_only: true, provider: true }, RetryPolicy::default());
        assert!(matches!(call.step(Event::Start, tick(0)), Action::FetchAccessToken));
        let token = Secret::new("t1", "access_token").unwrap();
        let (request, _) = expect_send(call.step(Event::AccessToken(token), tick(0)));
        assert_eq!(request.header("authorization"), Some("t1"));
        assert!(matches!(call.step(Event::Response(HttpResponse::new(401, "")), tick(0)), Action::FetchAccessToken));
        let fresh = Secret::new("t2", "access_token").unwrap();
        let (request, _) = expect_send(call.step(Event::AccessToken(fresh), tick(0)));
        assert_eq!(request.header("authorization"), Some("t2"));
        let done = call.step(Event::Response(HttpResponse::new(401, "")), tick(0));
        assert!(matches!(done, Action::Done(Err(Error::Api(ref api))) if api.status == 401));
    }

    #[test]
    fn provider_failures_cancellation_and_stray_events_end_the_call() {
        let mut call = Call::new(Echo { read_only: true, provider: true }, RetryPolicy::default());
        assert!(matches!(call.step(Event::Start, tick(0)), Action::FetchAccessToken));
        let done = call.step(Event::TokenProviderFailed("offline".into()), tick(0));
        assert!(matches!(done, Action::Done(Err(Error::TokenProvider(ref m))) if m == "offline"));
        assert!(matches!(Event::provided_token(""), Event::TokenProviderFailed(_)));
        assert!(matches!(Event::provided_token("t\n"), Event::TokenProviderFailed(ref m) if !m.contains("t\n")));

        let mut cancelled = self::call(true);
        expect_send(cancelled.step(Event::Start, tick(0)));
        assert!(matches!(cancelled.step(Event::Cancelled, tick(0)), Action::Done(Err(Error::Cancelled))));

        let mut confused = self::call(true);
        let done = confused.step(Event::Slept, tick(0));
        assert!(matches!(done, Action::Done(Err(Error::InvalidArgument { field: "event", .. }))));
    }

    /// Runs a call against a service that always answers `status`; answers how many waits it asked for.
    fn waits_against(status: u16, throttle: &Arc<Throttle>) -> usize {
        let mut call = Call::new(Echo { read_only: true, provider: false }, RetryPolicy::default())
            .sharing(Arc::clone(throttle), Arc::default());
        let (mut action, mut waits) = (call.step(Event::Start, tick(0)), 0);
        loop {
            action = match action {
                Action::Send { .. } => call.step(Event::Response(HttpResponse::new(status, "")), tick(0)),
                Action::Sleep(_) => {
                    waits += 1;
                    call.step(Event::Slept, tick(0))
                }
                Action::Done(_) => return waits,
                Action::FetchAccessToken => unreachable!("no provider"),
            }
        }
    }

    #[test]
    fn an_outage_costs_the_clients_retry_budget_in_all_not_attempts_times_calls() {
        use crate::throttle::{RETRY_BUDGET_CAPACITY, RETRY_COST};
        let throttle = Arc::new(Throttle::default());
        let retries: usize = (0..200).map(|_| waits_against(503, &throttle)).sum();
        assert_eq!(retries as u32, RETRY_BUDGET_CAPACITY / RETRY_COST);
        assert_eq!(waits_against(503, &throttle), 0, "once the budget is spent, calls fail at their first answer");
        assert_eq!(waits_against(503, &Arc::default()), 3, "another client's budget is its own");
    }

    #[test]
    fn a_client_over_its_rate_waits_its_turn_before_sending() {
        use crate::throttle::RateLimit;
        let throttle = Arc::new(Throttle::new(RateLimit { adaptive: false, max_requests_per_second: Some(2.0) }));
        let shared = || {
            Call::new(Echo { read_only: true, provider: false }, RetryPolicy::default())
                .sharing(Arc::clone(&throttle), Arc::default())
        };
        let (mut first, mut second, mut third) = (shared(), shared(), shared());
        expect_send(first.step(Event::Start, tick(1_000)));
        expect_send(second.step(Event::Start, tick(1_000)));
        let Action::Sleep(wait) = third.step(Event::Start, tick(1_000)) else { panic!("the third request waits") };
        assert_eq!(wait, Duration::from_millis(500));
        expect_send(third.step(Event::Slept, tick(1_500)));
    }
}
