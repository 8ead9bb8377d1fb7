//! What a client of either service holds: the core's client and the app's platform its calls run on, through
//! the core's one driver; and how persistent, how paced and how bounded those calls are.

use std::time::Duration;

use drivekit_core::call::{Exchange, Operation};
use drivekit_core::driver;
use drivekit_core::retry::RetryPolicy;
use drivekit_core::throttle::RateLimit;

use crate::error::DriveError;
use crate::platform::AppPlatform;

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

/// How fast a client sends. The client paces all its calls together, whichever coroutine or task makes them.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct RateLimitOptions {
    /// Whether the calls slow down together when the service throttles (HTTP 429 or its throttling codes), and
    /// climb back after.
    #[uniffi(default = true)]
    pub adaptive: bool,
    /// A rate never to exceed, requests per second, held from the first call; none by default.
    #[uniffi(default = None)]
    pub max_requests_per_second: Option<f64>,
}

impl RateLimitOptions {
    /// The core's limit, checked by the core; a refusal names the option as callers write it.
    pub(crate) fn limit(options: Option<RateLimitOptions>) -> Result<RateLimit, DriveError> {
        let Some(options) = options else { return Ok(RateLimit::default()) };
        let limit = RateLimit { adaptive: options.adaptive, max_requests_per_second: options.max_requests_per_second };
        limit.validate().map_err(|error| match DriveError::from(error) {
            DriveError::InvalidArgument { field, rule } if field == "max_requests_per_second" => {
                DriveError::InvalidArgument { field: "maxRequestsPerSecond".to_owned(), rule }
            }
            other => other,
        })?;
        Ok(limit)
    }
}

/// The core's refusal of a `maxResponseBytes` that lets no body through, naming it as callers write it.
pub(crate) fn response_limit_refused(error: drivekit_core::Error) -> DriveError {
    match DriveError::from(error) {
        DriveError::InvalidArgument { field, rule } if field == "max_response_bytes" => {
            DriveError::InvalidArgument { field: "maxResponseBytes".to_owned(), rule }
        }
        other => other,
    }
}

/// A service's core client with the platform its calls run on.
pub(crate) struct Connection<Client> {
    pub(crate) core: Client,
    pub(crate) platform: AppPlatform,
}

impl<Client> Connection<Client> {
    /// Runs an operation to its end; a validation error comes back before anything is sent. Dropping the
    /// future (a cancelled coroutine or task) cancels the send or wait in progress on the platform.
    pub(crate) async fn run<O: Operation<Client>>(
        &self,
        operation: O,
    ) -> Result<<O::Exchange as Exchange>::Output, DriveError> {
        let call = operation.call(&self.core)?;
        Ok(driver::run(self.platform.clone(), call).await?)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::future::Future;
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll, Wake, Waker};

    use drivekit_core::pds::{Credentials, Endpoint, GetLastCursorRequest, ListDeltaRequest, PdsClient};

    use super::*;
    use crate::transport::{HttpTransport, TransportError, TransportRequest, TransportResponse};

    /// Answers with the scripted outcomes in turn (a status, or a transport failure), and records what it was
    /// asked to do.
    struct ScriptedTransport {
        outcomes: Mutex<Vec<Result<u16, TransportError>>>,
        sent: Mutex<Vec<TransportRequest>>,
        slept: Mutex<Vec<Duration>>,
    }

    #[async_trait::async_trait]
    impl HttpTransport for ScriptedTransport {
        async fn send(&self, request: TransportRequest) -> Result<TransportResponse, TransportError> {
            self.sent.lock().unwrap().push(request);
            let status = self.outcomes.lock().unwrap().remove(0)?;
            let body = if status == 200 { br#"{"cursor":"c9"}"#.to_vec() } else { Vec::new() };
            Ok(TransportResponse { status, headers: Vec::new(), body: body.into() })
        }

        async fn sleep(&self, duration: Duration) {
            self.slept.lock().unwrap().push(duration);
        }
    }

    fn connection(outcomes: Vec<Result<u16, TransportError>>) -> (Connection<PdsClient>, Arc<ScriptedTransport>) {
        let transport = Arc::new(ScriptedTransport {
            outcomes: Mutex::new(outcomes),
            sent: Mutex::default(),
            slept: Mutex::default(),
        });
        let core = PdsClient::new(
            Endpoint::base_url("http://127.0.0.1:9").unwrap(),
            Credentials::access_token("the-token").unwrap(),
        );
        let retry = RetryOptions::policy(Some(RetryOptions {
            max_attempts: 2,
            initial_backoff_seconds: 0.1,
            attempt_timeout_seconds: 3.0,
            total_timeout_seconds: 60.0,
        }));
        let core = core.with_retry_policy(retry).unwrap();
        (Connection { core, platform: AppPlatform::new(transport.clone(), None) }, transport)
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
    fn a_503_is_slept_off_through_the_transport_and_resent_without_showing_the_token() {
        let (connection, transport) = connection(vec![Ok(503), Ok(200)]);
        let cursor = block_on(connection.run(GetLastCursorRequest::new("1"))).unwrap();
        assert_eq!(cursor.cursor.as_deref(), Some("c9"));
        assert_eq!(transport.sent.lock().unwrap().len(), 2);
        assert_eq!(transport.slept.lock().unwrap().len(), 1);
        let request = &transport.sent.lock().unwrap()[0];
        assert_eq!((request.method.as_str(), request.timeout), ("POST", Duration::from_secs(3)));
        assert!(!format!("{request:?}").contains("the-token"), "{request:?}");
    }

    #[test]
    fn a_transport_failure_keeps_its_kind_through_the_core() {
        let (refused, _) = connection(vec![Err(TransportError::Connect { reason: "refused".into() }); 2]);
        let error = block_on(refused.run(GetLastCursorRequest::new("1"))).unwrap_err();
        assert!(
            matches!(error, DriveError::Transport { ref kind, ref reason } if kind == "connect" && reason == "refused")
        );
        let (slow, _) = connection(vec![Err(TransportError::Timeout { reason: "slow".into() }); 2]);
        let error = block_on(slow.run(GetLastCursorRequest::new("1"))).unwrap_err();
        assert_eq!(error, DriveError::Timeout { after: Duration::from_secs(3) });
    }

    #[test]
    fn an_answer_too_large_for_the_transport_ends_the_call_at_once_naming_the_limit() {
        let too_large = TransportError::ResponseTooLarge { reason: "longer than 1000 bytes".into() };
        let (connection, transport) = connection(vec![Err(too_large.clone()), Err(too_large)]);
        let connection =
            Connection { core: connection.core.with_max_response_bytes(1_000).unwrap(), platform: connection.platform };
        let error = block_on(connection.run(GetLastCursorRequest::new("1"))).unwrap_err();
        assert_eq!(error, DriveError::ResponseTooLarge { limit: 1_000 });
        assert!(error.to_string().contains("limit of 1000 bytes"), "{error}");
        let sent = transport.sent.lock().unwrap();
        assert_eq!(sent.len(), 1, "never resent");
        assert_eq!(sent[0].max_response_bytes, 1_000, "the transport is told the limit");
    }

    #[test]
    fn a_response_limit_that_lets_no_body_through_is_refused_by_its_parameter_name() {
        let core =
            PdsClient::new(Endpoint::base_url("http://127.0.0.1:9").unwrap(), Credentials::access_token("t").unwrap());
        let error = response_limit_refused(core.with_max_response_bytes(0).unwrap_err());
        assert!(matches!(error, DriveError::InvalidArgument { ref field, .. } if field == "maxResponseBytes"));
    }

    #[test]
    fn a_broken_rule_is_reported_by_field_and_nothing_is_sent() {
        let (connection, transport) = connection(Vec::new());
        let error = block_on(connection.run(ListDeltaRequest { limit: Some(101), ..ListDeltaRequest::new("1") }));
        assert!(matches!(error, Err(DriveError::InvalidArgument { ref field, .. }) if field == "limit"), "{error:?}");
        assert!(transport.sent.lock().unwrap().is_empty());
    }

    #[test]
    fn a_refusal_keeps_the_service_code_and_status() {
        let (connection, _) = connection(vec![Ok(409)]);
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

    #[test]
    fn rate_limit_options_become_the_cores_limit_and_a_rate_not_above_zero_is_refused_by_its_option_name() {
        assert_eq!(RateLimitOptions::limit(None), Ok(RateLimit::default()));
        let capped = RateLimitOptions { adaptive: false, max_requests_per_second: Some(5.0) };
        assert_eq!(
            RateLimitOptions::limit(Some(capped)),
            Ok(RateLimit { adaptive: false, max_requests_per_second: Some(5.0) })
        );
        for rate in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let options = RateLimitOptions { adaptive: true, max_requests_per_second: Some(rate) };
            let error = RateLimitOptions::limit(Some(options)).unwrap_err();
            assert!(
                matches!(error, DriveError::InvalidArgument { ref field, .. } if field == "maxRequestsPerSecond"),
                "{error:?}"
            );
        }
    }
}
