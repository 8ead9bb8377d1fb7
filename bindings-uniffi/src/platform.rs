//! The app's platform as the core's driver needs it: its HTTP stack and timers (`HttpTransport`) and its token
//! provider. Every decision (retry, wait, give up, which page next) is the core's; this only performs it.

use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::BuildHasher;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use drivekit_core::call::{Event, Tick};
use drivekit_core::driver::Platform;
use drivekit_core::http::{AttemptLimits, HttpRequest};

use crate::transport::{AccessTokenProvider, HttpTransport, TransportRequest};

/// A future that owns what it needs (`Arc` clones), so that it outlives the call that made it.
type Boxed<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// The app's transport, timers and token provider. Its futures call into the app when first polled: a send then
/// runs on the app's own HTTP stack until it ends, and dropping the future (a cancelled coroutine or task, a
/// closed listing) cancels it there.
#[derive(Clone)]
pub(crate) struct AppPlatform {
    transport: Arc<dyn HttpTransport>,
    token_provider: Option<Arc<dyn AccessTokenProvider>>,
}

impl AppPlatform {
    pub(crate) fn new(transport: Arc<dyn HttpTransport>, token_provider: Option<Arc<dyn AccessTokenProvider>>) -> Self {
        AppPlatform { transport, token_provider }
    }
}

impl Platform for AppPlatform {
    type Sending = Boxed<Event>;
    type Sleeping = Boxed<()>;
    type Fetching = Boxed<Event>;

    fn send(&self, request: HttpRequest, limits: AttemptLimits) -> Boxed<Event> {
        let transport = Arc::clone(&self.transport);
        Box::pin(async move {
            match transport.send(TransportRequest::new(request, limits)).await {
                Ok(response) => Event::Response(response.into()),
                Err(error) => error.into(),
            }
        })
    }

    fn sleep(&self, wait: Duration) -> Boxed<()> {
        let transport = Arc::clone(&self.transport);
        Box::pin(async move { transport.sleep(wait).await })
    }

    fn access_token(&self) -> Boxed<Event> {
        let provider = self.token_provider.clone();
        Box::pin(async move {
            // Credentials that ask for tokens always come with their provider; this is the core's failure anyway.
            let Some(provider) = provider else {
                return Event::TokenProviderFailed("no token provider was given".to_owned());
            };
            match provider.access_token().await {
                Ok(token) => Event::provided_token(token),
                Err(error) => Event::TokenProviderFailed(error.to_string()),
            }
        })
    }

    fn tick(&self) -> Tick {
        let unix_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_millis());
        // Each `RandomState` is keyed from the OS's randomness: plenty for nonces and jitter, with no extra crate.
        let high = RandomState::new().hash_one(unix_ms);
        let low = RandomState::new().hash_one(high);
        Tick { unix_ms: u64::try_from(unix_ms).unwrap_or(u64::MAX), random: (u128::from(high) << 64) | u128::from(low) }
    }
}
