//! The one driver: runs a [`Call`] (and, in [`Walker`], a listing) on whatever a platform supplies, so that no
//! binding writes its own loop. It is a plain future that needs no runtime: tokio, the browser's promises or an
//! app's coroutines poll it alike.
//!
//! ```
//! use std::future::{Ready, ready};
//! use std::time::Duration;
//!
//! use drivekit_core::call::{Event, Tick};
//! use drivekit_core::driver::{Platform, run};
//! use drivekit_core::http::{AttemptLimits, HttpRequest, HttpResponse};
//! use drivekit_core::pds::{Credentials, Endpoint, GetLastCursorRequest, PdsClient};
//!
//! /// A platform that answers every request at once, as a test double would.
//! #[derive(Clone)]
//! struct Canned;
//!
//! impl Platform for Canned {
//!     type Sending = Ready<Event>;
//!     type Sleeping = Ready<()>;
//!     type Fetching = Ready<Event>;
//!     fn send(&self, _: HttpRequest, _: AttemptLimits) -> Ready<Event> {
//!         ready(Event::Response(HttpResponse::new(200, r#"{"cursor":"c1"}"#)))
//!     }
//!     fn sleep(&self, _: Duration) -> Ready<()> {
//!         ready(())
//!     }
//!     fn access_token(&self) -> Ready<Event> {
//!         ready(Event::provided_token("token"))
//!     }
//!     fn tick(&self) -> Tick {
//!         Tick { unix_ms: 1_795_368_414_000, random: 7 }
//!     }
//! }
//!
//! let client = PdsClient::new(Endpoint::base_url("http://127.0.0.1:9")?, Credentials::access_token("t")?);
//! let call = client.call(GetLastCursorRequest::new("1"))?; // the input is checked here, before any request
//! let cursor = futures_lite_block_on(run(Canned, call))?;
//! assert_eq!(cursor.cursor.as_deref(), Some("c1"));
//! # fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
//! #     let mut future = std::pin::pin!(future);
//! #     let mut context = std::task::Context::from_waker(std::task::Waker::noop());
//! #     loop { if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut context) { return output } }
//! # }
//! # Ok::<(), drivekit_core::Error>(())
//! ```

mod token_cache;
mod walker;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

pub use token_cache::TokenCache;
pub use walker::Walker;

use self::token_cache::{Asking, Claim};

use crate::call::{Action, Call, Event, Exchange, Tick};
use crate::error::Error;
use crate::http::{AttemptLimits, HttpRequest};

/// What a platform supplies: sending, sleeping, asking for a token, and the time. Its futures must be `Unpin`
/// (a boxed future is), and a send should run on its own once first polled (a browser's `fetch`, an app's HTTP
/// stack, a spawned task): a page sent for early then arrives while the caller works.
///
/// Dropping a future cancels what it does: that is how a call is cancelled.
pub trait Platform: Clone {
    /// A request on its way: ends with [`Event::Response`] or [`Event::TransportFailed`].
    type Sending: Future<Output = Event> + Unpin;
    /// A wait.
    type Sleeping: Future<Output = ()> + Unpin;
    /// The caller's token provider at work: ends with [`Event::AccessToken`] (see [`Event::provided_token`]) or
    /// [`Event::TokenProviderFailed`].
    type Fetching: Future<Output = Event> + Unpin;

    /// Sends the request and receives the whole answer within `limits`: giving up once `limits.timeout` has
    /// passed, body included, with a [`crate::TransportErrorKind::Timeout`] failure, and refusing a body longer
    /// than `limits.max_response_bytes` with a [`crate::TransportErrorKind::ResponseTooLarge`] failure without
    /// reading it whole.
    fn send(&self, request: HttpRequest, limits: AttemptLimits) -> Self::Sending;

    /// Waits `wait`.
    fn sleep(&self, wait: Duration) -> Self::Sleeping;

    /// Asks the caller's token provider for an access token.
    fn access_token(&self) -> Self::Fetching;

    /// The time now and a fresh random value.
    fn tick(&self) -> Tick;

    /// Runs the core's costly step, decoding a response; a multi-threaded runtime may move its other tasks off
    /// this thread meanwhile.
    fn decode<T>(&self, decode: impl FnOnce() -> T) -> T {
        decode()
    }
}

/// Runs `call` on `platform` to its end: every retry, wait and token the call asks for.
pub async fn run<P: Platform, E: Exchange>(platform: P, call: Call<E>) -> Result<E::Output, Error> {
    Run::new(platform, call, None).await
}

/// Reads the position of the next page from a body, before it is decoded (see
/// [`crate::paginate::Paginated::peek_next`]).
type Peek = fn(&[u8]) -> Option<String>;

/// A call being run; see [`run`].
pub(crate) struct Run<P: Platform, E: Exchange> {
    platform: P,
    call: Call<E>,
    event: Option<Event>,
    waiting: Waiting<P>,
    peek: Option<Peek>,
    peeked: Option<String>,
}

enum Waiting<P: Platform> {
    Nothing,
    Send(P::Sending),
    Sleep(P::Sleeping),
    /// This call asks the provider, for every call of its client.
    Token(P::Fetching, Asking),
    /// Another call of the client asks; this one waits for that answer.
    TokenOf(u64),
}

// No field is ever pinned in place: the platform's futures are `Unpin`, and the call is plain data.
impl<P: Platform, E: Exchange> Unpin for Run<P, E> {}

impl<P: Platform, E: Exchange> Run<P, E> {
    /// The run of `call`; `peek` is shown the body of the first successful response before it is decoded.
    pub(crate) fn new(platform: P, call: Call<E>, peek: Option<Peek>) -> Self {
        Run { platform, call, event: Some(Event::Start), waiting: Waiting::Nothing, peek, peeked: None }
    }

    /// The position `peek` read, once.
    pub(crate) fn take_peeked(&mut self) -> Option<String> {
        self.peeked.take()
    }

    /// The client's token when it has one for this call; otherwise `None`, waiting for the provider's answer:
    /// asked by this call, or by another of the client's calls that asked first.
    fn token(&mut self) -> Option<Event> {
        match self.call.tokens().claim(self.call.refused_token()) {
            Claim::Use(token) => return Some(Event::AccessToken(token)),
            Claim::Ask(asking) => self.waiting = Waiting::Token(self.platform.access_token(), asking),
            Claim::Wait(round) => self.waiting = Waiting::TokenOf(round),
        }
        None
    }
}

impl<P: Platform, E: Exchange> Future for Run<P, E> {
    type Output = Result<E::Output, Error>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        loop {
            if let Some(event) = this.event.take() {
                let tick = this.platform.tick();
                let call = &mut this.call;
                let action = match event {
                    response @ Event::Response(_) => this.platform.decode(|| call.step(response, tick)),
                    event => call.step(event, tick),
                };
                match action {
                    Action::Send { request, limits } => {
                        this.waiting = Waiting::Send(this.platform.send(request, limits))
                    }
                    Action::Sleep(wait) => this.waiting = Waiting::Sleep(this.platform.sleep(wait)),
                    Action::FetchAccessToken => {
                        this.event = this.token();
                        if this.event.is_some() {
                            continue;
                        }
                    }
                    Action::Done(result) => return Poll::Ready(result),
                }
            }
            let event = match &mut this.waiting {
                Waiting::Send(sending) => std::task::ready!(Pin::new(sending).poll(context)),
                Waiting::Sleep(sleeping) => {
                    std::task::ready!(Pin::new(sleeping).poll(context));
                    Event::Slept
                }
                Waiting::Token(fetching, _) => {
                    let answer = std::task::ready!(Pin::new(fetching).poll(context));
                    if let Waiting::Token(_, asking) = std::mem::replace(&mut this.waiting, Waiting::Nothing) {
                        asking.settle(&answer);
                    }
                    answer
                }
                Waiting::TokenOf(round) => match std::task::ready!(this.call.tokens().poll_answer(*round, context)) {
                    Some(answer) => answer,
                    // The call that asked was dropped unanswered: ask again, or wait for whoever does.
                    None => match this.token() {
                        Some(token) => token,
                        None => continue,
                    },
                },
                // Only a poll after the end finds nothing to wait for: the call answers that it is over.
                Waiting::Nothing => Event::Cancelled,
            };
            this.waiting = Waiting::Nothing;
            if let Event::Response(response) = &event
                && response.is_success()
                && let Some(peek) = this.peek.take()
                && let Some(position) = peek(&response.body)
            {
                // Pending once, with a wake-up asked for at once: whoever polls this learns the position and can
                // send for the next page before this one is decoded.
                this.peeked = Some(position);
                this.event = Some(event);
                context.waker().wake_by_ref();
                return Poll::Pending;
            }
            this.event = Some(event);
        }
    }
}
