//! The driver loop: performs what a core call asks for (send, sleep, fetch a token) and nothing else.

use std::time::Duration;

use drivekit_core::Error;
use drivekit_core::call::{Action, Call, Event, Exchange, Tick};
use drivekit_core::koodrive::{KooDriveClient, KooDriveExchange, KooDriveOperation};
use drivekit_core::pds::{PdsClient, PdsExchange, PdsOperation};
use drivekit_core::retry::RetryPolicy;
use js_sys::{Function, Promise};
use serde::Deserialize;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::AbortSignal;

use crate::errors::{to_js, to_js_value};
use crate::transport;

/// An operation a service's core client turns into a call.
pub(crate) trait Operation<Client> {
    /// The exchange the call runs.
    type Exchange: Exchange;

    /// Validates the input and returns the call; nothing is sent yet.
    fn call(self, client: &Client) -> Result<Call<Self::Exchange>, Error>;
}

impl<O: PdsOperation> Operation<PdsClient> for O {
    type Exchange = PdsExchange<O>;

    fn call(self, client: &PdsClient) -> Result<Call<PdsExchange<O>>, Error> {
        client.call(self)
    }
}

impl<O: KooDriveOperation> Operation<KooDriveClient> for O {
    type Exchange = KooDriveExchange<O>;

    fn call(self, client: &KooDriveClient) -> Result<Call<KooDriveExchange<O>>, Error> {
        client.call(self)
    }
}

/// Runs calls with `fetch`, the runtime's timers and the caller's token provider.
#[derive(Debug, Clone, Default)]
pub(crate) struct Driver {
    /// `getAccessToken`, when the client was given one.
    pub(crate) token_provider: Option<Function>,
}

impl Driver {
    /// Does what the call says until it is done; the signal cancels the request in flight and any wait.
    pub(crate) async fn run<E: Exchange>(
        &self,
        mut call: Call<E>,
        signal: Option<&AbortSignal>,
    ) -> Result<E::Output, Error> {
        let mut event = Event::Start;
        loop {
            event = match call.step(event, tick()) {
                Action::Send { request, timeout } => transport::send(request, timeout, signal).await,
                Action::Sleep(wait) => transport::sleep(wait, signal).await,
                Action::FetchAccessToken => self.fetch_access_token().await,
                Action::Done(result) => return result,
            };
        }
    }

    async fn fetch_access_token(&self) -> Event {
        let Some(provider) = &self.token_provider else {
            return Event::TokenProviderFailed("no getAccessToken was given".to_owned());
        };
        let answer = match provider.call0(&JsValue::UNDEFINED) {
            Ok(answer) => JsFuture::from(Promise::resolve(&answer)).await,
            Err(error) => Err(error),
        };
        match answer {
            Ok(token) => match token.as_string() {
                Some(token) => Event::provided_token(token),
                None => Event::TokenProviderFailed("getAccessToken must resolve to a string".to_owned()),
            },
            Err(error) => Event::TokenProviderFailed(transport::describe(&error)),
        }
    }
}

/// The time now and fresh randomness, for the core's dates and backoff jitter.
fn tick() -> Tick {
    // `Date.now()` is a whole, positive number of milliseconds; `as` saturates should a clock say otherwise.
    let unix_ms = js_sys::Date::now() as u64;
    // Jitter needs spread, not secrecy (AccessKey signing, whose nonce would, is not offered in this package).
    let random =
        (0..4).fold(0u128, |bits, _| (bits << 32) | u128::from((js_sys::Math::random() * 4_294_967_296.0) as u32));
    Tick { unix_ms, random }
}

/// The `timeoutMs` and `retry` options shared by both clients.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RetryOptions {
    /// Attempts in all, the first included; 1 turns retries off.
    max_attempts: Option<u32>,
    /// The wait before the first retry, doubled for each later one.
    initial_backoff_ms: Option<f64>,
    /// The longest computed wait.
    max_backoff_ms: Option<f64>,
    /// How long one attempt may take.
    attempt_timeout_ms: Option<f64>,
}

/// The core's policy from the options; the core checks it, so a bad number is reported rather than adjusted.
pub(crate) fn retry_policy(timeout_ms: Option<f64>, retry: Option<RetryOptions>) -> RetryPolicy {
    let default = RetryPolicy::default();
    let retry = retry.unwrap_or_default();
    // A negative or NaN time becomes zero, which the core refuses by name.
    let duration = |ms: Option<f64>, default: Duration| {
        ms.map_or(default, |ms| Duration::try_from_secs_f64(ms / 1000.0).unwrap_or(Duration::ZERO))
    };
    RetryPolicy {
        max_attempts: retry.max_attempts.unwrap_or(default.max_attempts),
        initial_backoff: duration(retry.initial_backoff_ms, default.initial_backoff),
        max_backoff: duration(retry.max_backoff_ms, default.max_backoff),
        attempt_timeout: duration(retry.attempt_timeout_ms, default.attempt_timeout),
        total_timeout: duration(timeout_ms, default.total_timeout),
    }
}

/// Runs an operation as a promise. An input the core refused rejects it before anything is sent.
pub(crate) fn promise<Client, O>(
    client: &Client,
    driver: &Driver,
    operation: Result<O, Error>,
    signal: Option<AbortSignal>,
) -> Promise
where
    O: Operation<Client>,
    <O::Exchange as Exchange>::Output: Serialize,
    O::Exchange: 'static,
{
    let call = operation.and_then(|operation| operation.call(client));
    let driver = driver.clone();
    future_to_promise(async move {
        let output = driver.run(call.map_err(|error| to_js(&error))?, signal.as_ref()).await;
        output.and_then(|output| to_js_value(&output, "response")).map_err(|error| to_js(&error))
    })
}

/// `getAccessToken`, which must be a function when given.
pub(crate) fn token_provider(value: JsValue) -> Result<Option<Function>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.dyn_into::<Function>().map(Some).map_err(|_| Error::InvalidArgument {
        field: "get_access_token",
        rule: "must be a function answering a token (or a promise of one)".to_owned(),
    })
}
