//! The browser as the core's platform: `fetch`, the runtime's timers, the caller's `getAccessToken` and the
//! clock. Calls and listings run on the core's one driver; this only supplies what it asks for.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use drivekit_core::Error;
use drivekit_core::call::{Call, Event, Operation, Tick};
use drivekit_core::driver::{self, Platform};
use drivekit_core::http::{AttemptLimits, HttpRequest};
use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::AbortSignal;

use crate::answers::{EngineRead, EngineRun};
use crate::errors::to_js;
use crate::transport;

/// A future of this single-threaded runtime.
pub(crate) type Boxed<T> = Pin<Box<dyn Future<Output = T>>>;

/// `fetch`, timers and the token provider, for the calls of one client; a call's or a listing's copy also holds
/// its `AbortSignal`, which cancels the requests it sends and the waits it makes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Browser {
    /// `getAccessToken`, when the client was given one.
    token_provider: Option<Function>,
    signal: Option<AbortSignal>,
}

impl Browser {
    /// The platform of a client whose tokens come from `token_provider`, if any.
    pub(crate) fn new(token_provider: Option<Function>) -> Self {
        Browser { token_provider, signal: None }
    }

    /// The same platform for one call or listing, cancelled by `signal`.
    pub(crate) fn with_signal(&self, signal: Option<AbortSignal>) -> Self {
        Browser { token_provider: self.token_provider.clone(), signal }
    }

    fn is_aborted(&self) -> bool {
        self.signal.as_ref().is_some_and(AbortSignal::aborted)
    }
}

impl Platform for Browser {
    type Sending = transport::Sending;
    type Sleeping = Boxed<()>;
    type Fetching = Boxed<Event>;

    fn send(&self, request: HttpRequest, limits: AttemptLimits) -> transport::Sending {
        transport::send(request, limits, self.signal.clone())
    }

    /// An abort ends the wait early; the call's next step then meets the abort (see `send` and `access_token`)
    /// and ends as cancelled, so nothing is sent after it.
    fn sleep(&self, wait: Duration) -> Boxed<()> {
        Box::pin(transport::sleep(wait, self.signal.clone()))
    }

    fn access_token(&self) -> Boxed<Event> {
        let provider = self.token_provider.clone();
        let aborted = self.is_aborted();
        Box::pin(async move {
            if aborted {
                return Event::Cancelled;
            }
            let Some(provider) = provider else {
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
        })
    }

    fn tick(&self) -> Tick {
        // `Date.now()` is a whole, positive number of milliseconds; `as` saturates should a clock say otherwise.
        let unix_ms = js_sys::Date::now() as u64;
        // Jitter needs spread, not secrecy (AccessKey signing, whose nonce would, is not offered in this package).
        let random =
            (0..4).fold(0u128, |bits, _| (bits << 32) | u128::from((js_sys::Math::random() * 4_294_967_296.0) as u32));
        Tick { unix_ms, random }
    }
}

/// Runs an operation as a promise of its answer as the engine read it. An input the core refused rejects it
/// before anything is sent.
pub(crate) fn promise<Client, O>(client: &Client, platform: Browser, operation: Result<O, Error>) -> Promise
where
    EngineRun<O>: Operation<Client, Exchange = EngineRead>,
{
    run(platform, operation.and_then(|operation| EngineRun(operation).call(client)))
}

/// One copy for every operation: what differs between them is inside the call.
fn run(platform: Browser, call: Result<Call<EngineRead>, Error>) -> Promise {
    future_to_promise(async move {
        let output = driver::run(platform, call.map_err(|error| to_js(&error))?).await;
        output.map_err(|error| to_js(&error))
    })
}
