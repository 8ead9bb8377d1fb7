//! The access token a client's calls share, so that the caller's provider is asked once for all of them: when
//! the client has none yet, and again only when the service refused the one it has. Calls that need a token
//! while the provider is being asked wait for its answer instead of asking too.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use crate::auth::Secret;
use crate::call::Event;

/// The token of one client and its clones.
#[derive(Debug, Default)]
pub struct TokenCache {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    token: Option<Secret>,
    /// Whether a call is asking the provider now.
    asking: bool,
    /// How many times the provider has answered (or been left unanswered): a waiter's answer is the next one.
    round: u64,
    /// Why the provider failed in the last round, for the calls that waited on it.
    failure: Option<String>,
    waiters: Vec<Waker>,
}

/// Two clients share a token only when they share one cache.
impl PartialEq for TokenCache {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// What a call that needs a token does.
pub(crate) enum Claim {
    /// Use the client's token.
    Use(Secret),
    /// Ask the provider, and settle the guard with its answer.
    Ask(Asking),
    /// Wait for the answer of the round under way.
    Wait(u64),
}

impl TokenCache {
    /// What a call does for a token, given the one the service just refused, if any.
    pub(crate) fn claim(self: &Arc<Self>, refused: Option<&Secret>) -> Claim {
        let mut state = self.lock();
        match &state.token {
            Some(token) if refused != Some(token) => return Claim::Use(token.clone()),
            Some(_) => state.token = None,
            None => {}
        }
        if state.asking {
            return Claim::Wait(state.round);
        }
        state.asking = true;
        Claim::Ask(Asking { cache: Arc::clone(self), answer: None })
    }

    /// The answer of round `round` once it is in: the token, the provider's failure, or `None` when the call that
    /// asked was dropped before the answer came (then claim again).
    pub(crate) fn poll_answer(&self, round: u64, context: &mut Context<'_>) -> Poll<Option<Event>> {
        let mut state = self.lock();
        if state.round == round {
            state.waiters.push(context.waker().clone());
            return Poll::Pending;
        }
        Poll::Ready(match (&state.token, &state.failure) {
            (Some(token), _) => Some(Event::AccessToken(token.clone())),
            (None, Some(failure)) => Some(Event::TokenProviderFailed(failure.clone())),
            (None, None) => None,
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every change leaves the state whole, so a panic elsewhere while it was held changes nothing.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A call asking the provider for every call of its client; dropped unanswered (the call was cancelled), it lets
/// the waiting calls ask again.
pub(crate) struct Asking {
    cache: Arc<TokenCache>,
    answer: Option<Event>,
}

impl Asking {
    /// Keeps the provider's answer for every call of the client.
    pub(crate) fn settle(mut self, answer: &Event) {
        self.answer = Some(match answer {
            Event::AccessToken(token) => Event::AccessToken(token.clone()),
            Event::TokenProviderFailed(failure) => Event::TokenProviderFailed(failure.clone()),
            _ => return,
        });
    }
}

impl Drop for Asking {
    fn drop(&mut self) {
        let mut state = self.cache.lock();
        (state.token, state.failure) = match self.answer.take() {
            Some(Event::AccessToken(token)) => (Some(token), None),
            Some(Event::TokenProviderFailed(failure)) => (None, Some(failure)),
            _ => (None, None),
        };
        state.asking = false;
        state.round += 1;
        for waiter in state.waiters.drain(..) {
            waiter.wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str) -> Secret {
        Secret::new(text, "access_token").unwrap()
    }

    #[test]
    fn one_call_asks_the_others_wait_and_a_refused_token_is_asked_for_once() {
        let cache = Arc::new(TokenCache::default());
        let Claim::Ask(asking) = cache.claim(None) else { panic!("the first call asks") };
        let Claim::Wait(round) = cache.claim(None) else { panic!("the second waits") };
        let mut context = Context::from_waker(Waker::noop());
        assert!(cache.poll_answer(round, &mut context).is_pending());
        asking.settle(&Event::AccessToken(token("t1")));
        assert!(
            matches!(cache.poll_answer(round, &mut context), Poll::Ready(Some(Event::AccessToken(t))) if t == token("t1"))
        );
        assert!(matches!(cache.claim(None), Claim::Use(t) if t == token("t1")), "later calls use it");

        let Claim::Ask(refresh) = cache.claim(Some(&token("t1"))) else { panic!("a refused token is asked for again") };
        assert!(matches!(cache.claim(Some(&token("t1"))), Claim::Wait(_)), "once, whoever else it refused");
        refresh.settle(&Event::AccessToken(token("t2")));
        assert!(matches!(cache.claim(Some(&token("t1"))), Claim::Use(t) if t == token("t2")));
    }

    #[test]
    fn a_failure_reaches_the_waiting_calls_and_a_dropped_asker_lets_them_ask_again() {
        let cache = Arc::new(TokenCache::default());
        let mut context = Context::from_waker(Waker::noop());
        let Claim::Ask(asking) = cache.claim(None) else { panic!() };
        let Claim::Wait(round) = cache.claim(None) else { panic!() };
        asking.settle(&Event::TokenProviderFailed("offline".into()));
        assert!(matches!(cache.poll_answer(round, &mut context), Poll::Ready(Some(Event::TokenProviderFailed(_)))));

        let Claim::Ask(abandoned) = cache.claim(None) else { panic!("after a failure the next call asks anew") };
        let Claim::Wait(round) = cache.claim(None) else { panic!() };
        drop(abandoned);
        assert!(matches!(cache.poll_answer(round, &mut context), Poll::Ready(None)));
        assert!(matches!(cache.claim(None), Claim::Ask(_)));
    }
}
