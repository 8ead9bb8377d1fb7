//! The driver loop: performs what a core call asks for (send, sleep, fetch a token) through the app's transport
//! and token provider, and nothing else. Every decision (retry, wait, give up) is the core's.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use drivekit_core::call::{Action, Call, Event, Exchange, Tick};
use drivekit_core::koodrive::{KooDriveClient as CoreKooDriveClient, KooDriveExchange, KooDriveOperation};
use drivekit_core::pds::{PdsClient as CorePdsClient, PdsExchange, PdsOperation};
use drivekit_core::retry::RetryPolicy;

use crate::error::DriveError;
use crate::transport::{AccessTokenProvider, HttpTransport, TransportRequest};

/// How persistent calls are; the core checks the values when a client is made.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct RetryOptions {
    /// Attempts in all, the first included; 1 turns retries off.
    #[uniffi(default = 4)]
    pub max_attempts: u32,
    /// The wait before the first retry, doubled for each later one (unless the service says how long).
    #[uniffi(default = 0.2)]
    pub initial_backoff_seconds: f64,
    /// How long one attempt may take.
    #[uniffi(default = 30.0)]
    pub attempt_timeout_seconds: f64,
    /// How long a call may take, waits included.
    #[uniffi(default = 120.0)]
    pub total_timeout_seconds: f64,
}

impl RetryOptions {
    /// The core's policy; a negative or non-finite time becomes zero, which the core then refuses by name.
    pub(crate) fn policy(options: Option<RetryOptions>) -> RetryPolicy {
        let default = RetryPolicy::default();
        let Some(options) = options else { return default };
        let seconds = |value: f64| Duration::try_from_secs_f64(value).unwrap_or(Duration::ZERO);
        RetryPolicy {
            max_attempts: options.max_attempts,
            initial_backoff: seconds(options.initial_backoff_seconds),
            attempt_timeout: seconds(options.attempt_timeout_seconds),
            total_timeout: seconds(options.total_timeout_seconds),
            ..default
        }
    }
}

/// Runs calls on the app's transport, timers and token provider.
pub(crate) struct Driver {
    pub(crate) transport: Arc<dyn HttpTransport>,
    pub(crate) token_provider: Option<Arc<dyn AccessTokenProvider>>,
}

impl Driver {
    /// Does what the call says until it is done. Dropping the future (a cancelled coroutine or task) drops the
    /// transport's pending send or sleep, which cancels it on the platform.
    pub(crate) async fn run<E: Exchange>(&self, call: Call<E>) -> Result<E::Output, DriveError> {
        self.run_peeking(call, |_| false).await
    }

    /// Like [`Driver::run`], showing `peek` the body of a successful response before the core decodes it (a
    /// listing reads the next page's position there). When `peek` says it handed something on, the decoding
    /// waits for one poll: the same task's other futures (that next page's send) get started before it.
    pub(crate) async fn run_peeking<E: Exchange>(
        &self,
        mut call: Call<E>,
        peek: impl FnOnce(&[u8]) -> bool,
    ) -> Result<E::Output, DriveError> {
        let mut peek = Some(peek);
        let mut event = Event::Start;
        loop {
            event = match call.step(event, tick()) {
                Action::Send { request, timeout } => {
                    let event = match self.transport.send(TransportRequest::new(request, timeout)).await {
                        Ok(response) => Event::Response(response.into()),
                        Err(error) => error.into(),
                    };
                    if let Event::Response(response) = &event
                        && response.is_success()
                        && let Some(peek) = peek.take()
                        && peek(&response.body)
                    {
                        yield_once().await;
                    }
                    event
                }
                Action::Sleep(wait) => {
                    self.transport.sleep(wait).await;
                    Event::Slept
                }
                Action::FetchAccessToken => self.fetch_access_token().await,
                Action::Done(result) => return result.map_err(DriveError::from),
            };
        }
    }

    async fn fetch_access_token(&self) -> Event {
        let Some(provider) = &self.token_provider else {
            return Event::TokenProviderFailed("no token provider was given".to_owned());
        };
        match provider.access_token().await {
            Ok(token) => Event::provided_token(token),
            Err(error) => Event::TokenProviderFailed(error.to_string()),
        }
    }
}

/// Pending once, with a wake-up asked for at once: whatever else the task polls gets its turn before what follows.
async fn yield_once() {
    let mut yielded = false;
    std::future::poll_fn(|context| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        context.waker().wake_by_ref();
        Poll::Pending
    })
    .await;
}

/// The time now and fresh randomness, for the core's dates, nonces and jitter.
fn tick() -> Tick {
    let unix_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_millis());
    // Each `RandomState` is keyed from the OS's randomness: plenty for nonces and jitter, with no extra crate.
    let high = RandomState::new().hash_one(unix_ms);
    let low = RandomState::new().hash_one(high);
    Tick { unix_ms: u64::try_from(unix_ms).unwrap_or(u64::MAX), random: (u128::from(high) << 64) | u128::from(low) }
}

/// An operation that a service's core client turns into a call.
pub(crate) trait Operation<Client> {
    /// The exchange the call runs.
    type Exchange: Exchange;

    /// Validates the input and returns the call; nothing is sent yet.
    fn call(self, client: &Client) -> Result<Call<Self::Exchange>, drivekit_core::Error>;
}

impl<O: PdsOperation> Operation<CorePdsClient> for O {
    type Exchange = PdsExchange<O>;

    fn call(self, client: &CorePdsClient) -> Result<Call<PdsExchange<O>>, drivekit_core::Error> {
        client.call(self)
    }
}

impl<O: KooDriveOperation> Operation<CoreKooDriveClient> for O {
    type Exchange = KooDriveExchange<O>;

    fn call(self, client: &CoreKooDriveClient) -> Result<Call<KooDriveExchange<O>>, drivekit_core::Error> {
        client.call(self)
    }
}

/// A service's core client with the driver its calls run on.
pub(crate) struct Connection<Client> {
    pub(crate) core: Client,
    pub(crate) driver: Arc<Driver>,
}

impl<Client> Connection<Client> {
    /// Runs an operation; a validation error comes back before anything is sent.
    pub(crate) async fn run<O: Operation<Client>>(
        &self,
        operation: O,
    ) -> Result<<O::Exchange as Exchange>::Output, DriveError> {
        let call = operation.call(&self.core)?;
        self.driver.run(call).await
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::future::Future;
    use std::sync::Mutex;
    use std::task::{Context, Poll, Wake, Waker};

    use drivekit_core::pds::{Credentials, Endpoint, GetLastCursorRequest, ListDeltaRequest};

    use super::*;
    use crate::transport::{TransportError, TransportResponse};

    /// Answers with the scripted statuses in turn, and records what it was asked to do.
    struct ScriptedTransport {
        statuses: Mutex<Vec<u16>>,
        sent: Mutex<Vec<TransportRequest>>,
        slept: Mutex<Vec<Duration>>,
    }

    #[async_trait::async_trait]
    impl HttpTransport for ScriptedTransport {
        async fn send(&self, request: TransportRequest) -> Result<TransportResponse, TransportError> {
            self.sent.lock().unwrap().push(request);
            let status = self.statuses.lock().unwrap().remove(0);
            let body = if status == 200 { br#"{"cursor":"c9"}"#.to_vec() } else { Vec::new() };
            Ok(TransportResponse { status, headers: Vec::new(), body: body.into() })
        }

        async fn sleep(&self, duration: Duration) {
            self.slept.lock().unwrap().push(duration);
        }
    }

    fn connection(statuses: &[u16]) -> (Connection<CorePdsClient>, Arc<ScriptedTransport>) {
        let transport = Arc::new(ScriptedTransport {
            statuses: Mutex::new(statuses.to_vec()),
            sent: Mutex::default(),
            slept: Mutex::default(),
        });
        let core = CorePdsClient::new(
            Endpoint::base_url("http://127.0.0.1:9").unwrap(),
            Credentials::access_token("the-token").unwrap(),
        );
        let driver = Arc::new(Driver { transport: transport.clone(), token_provider: None });
        (Connection { core, driver }, transport)
    }

    /// The driver needs no runtime: its waits are the transport's, so polling on this thread is enough.
    pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
        struct Unpark(std::thread::Thread);
        impl Wake for Unpark {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
        let mut future = std::pin::pin!(future);
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut Context::from_waker(&waker)) {
                return output;
            }
            std::thread::park();
        }
    }

    #[test]
    fn a_503_is_slept_off_through_the_transport_and_resent() {
        let (connection, transport) = connection(&[503, 200]);
        let cursor = block_on(connection.run(GetLastCursorRequest::new("1"))).unwrap();
        assert_eq!(cursor.cursor.as_deref(), Some("c9"));
        assert_eq!(transport.sent.lock().unwrap().len(), 2);
        assert_eq!(transport.slept.lock().unwrap().len(), 1);
        let request = &transport.sent.lock().unwrap()[0];
        assert_eq!(request.method, "POST");
        assert!(!format!("{request:?}").contains("the-token"), "{request:?}");
    }

    #[test]
    fn a_broken_rule_is_reported_by_field_and_nothing_is_sent() {
        let (connection, transport) = connection(&[]);
        let error = block_on(connection.run(ListDeltaRequest { limit: Some(101), ..ListDeltaRequest::new("1") }));
        assert!(matches!(error, Err(DriveError::InvalidArgument { ref field, .. }) if field == "limit"), "{error:?}");
        assert!(transport.sent.lock().unwrap().is_empty());
    }

    #[test]
    fn a_refusal_keeps_the_service_code_and_status() {
        let (connection, _) = connection(&[409]);
        match block_on(connection.run(GetLastCursorRequest::new("1"))) {
            Err(DriveError::Api { status, kind, .. }) => assert_eq!((status, kind.as_str()), (409, "conflict")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn retry_options_become_the_cores_policy_and_bad_times_are_refused_by_name() {
        let options = RetryOptions {
            max_attempts: 2,
            initial_backoff_seconds: 0.5,
            attempt_timeout_seconds: 3.0,
            total_timeout_seconds: -1.0,
        };
        let policy = RetryOptions::policy(Some(options));
        assert_eq!((policy.max_attempts, policy.initial_backoff), (2, Duration::from_millis(500)));
        let error = DriveError::from(policy.validate().unwrap_err());
        assert!(matches!(error, DriveError::InvalidArgument { ref field, .. } if field == "total_timeout"));
    }
}
