//! The driver loop: performs what a core call asks for (send, sleep, fetch a token) and nothing else.

use std::time::Duration;

use drivekit_core::Error;
use drivekit_core::call::{Action, Call, Event, Exchange, Tick};
use drivekit_core::koodrive::{KooDriveClient, KooDriveExchange, KooDriveOperation};
use drivekit_core::pds::{PdsClient, PdsExchange, PdsOperation};
use drivekit_core::retry::RetryPolicy;
use js_sys::{Function, Promise};
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::AbortSignal;

use crate::errors::to_js;
use crate::input::Fields;
use crate::output::to_js_value;
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

/// A retry option: the core's name for it, its property in `retry` (or in the options, for `timeoutMs`), and
/// the name a caller knows it by.
struct RetryOption {
    core: &'static str,
    property: &'static str,
    option: &'static str,
}

const RETRY_OPTIONS: [RetryOption; 5] = [
    RetryOption { core: "max_attempts", property: "maxAttempts", option: "retry.maxAttempts" },
    RetryOption { core: "initial_backoff", property: "initialBackoffMs", option: "retry.initialBackoffMs" },
    RetryOption { core: "max_backoff", property: "maxBackoffMs", option: "retry.maxBackoffMs" },
    RetryOption { core: "attempt_timeout", property: "attemptTimeoutMs", option: "retry.attemptTimeoutMs" },
    RetryOption { core: "total_timeout", property: "timeoutMs", option: "timeoutMs" },
];

/// The core's policy from the `timeoutMs` and `retry` options shared by both clients.
pub(crate) fn retry_policy(options: &Fields) -> Result<RetryPolicy, Error> {
    let default = RetryPolicy::default();
    let retry = options.fields("retry")?;
    let retry = retry.as_ref();
    let duration = |fields: Option<&Fields>, name: &'static str, default: Duration| {
        let Some(ms) = fields.map(|fields| fields.milliseconds(name)).transpose()?.flatten() else {
            return Ok(default);
        };
        Duration::try_from_secs_f64(ms / 1000.0)
            .map_err(|_| Error::InvalidArgument { field: name, rule: "is too long".to_owned() })
    };
    let max_attempts = match retry.map(|retry| retry.integer("maxAttempts")).transpose()?.flatten() {
        None => default.max_attempts,
        Some(attempts) => u32::try_from(attempts).map_err(|_| Error::InvalidArgument {
            field: "maxAttempts",
            rule: format!("must be a whole number from 1 to {}", u32::MAX),
        })?,
    };
    Ok(RetryPolicy {
        max_attempts,
        initial_backoff: duration(retry, "initialBackoffMs", default.initial_backoff)?,
        max_backoff: duration(retry, "maxBackoffMs", default.max_backoff)?,
        attempt_timeout: duration(retry, "attemptTimeoutMs", default.attempt_timeout)?,
        total_timeout: duration(Some(options), "timeoutMs", default.total_timeout)?,
    })
}

/// A refusal of the retry options, by the reading above or by the core's check of the policy, under the
/// option's name as the caller wrote it (`timeoutMs`, `retry.maxAttempts`) rather than the core's.
pub(crate) fn name_retry_option(error: Error) -> Error {
    let Error::InvalidArgument { field, mut rule } = error else {
        return error;
    };
    let named = RETRY_OPTIONS.iter().find(|named| named.core == field || named.property == field);
    for named in &RETRY_OPTIONS {
        rule = rule.replace(named.core, named.option);
    }
    Error::InvalidArgument { field: named.map_or(field, |named| named.option), rule }
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
pub(crate) fn token_provider(options: &Fields) -> Result<Option<Function>, Error> {
    options.function("getAccessToken", "must be a function answering a token (or a promise of one)")
}
