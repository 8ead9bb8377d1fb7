//! The driver across the calls of one client: they share one access token, and the provider is asked once for
//! all of them.

use std::cell::Cell;
use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use drivekit_core::call::{Event, Tick};
use drivekit_core::driver::{Platform, run};
use drivekit_core::http::{AttemptLimits, HttpRequest, HttpResponse};
use drivekit_core::pds::{Credentials, Endpoint, GetLastCursorRequest, PdsClient};

/// A service that accepts only the token `t2`, and a provider whose n-th answer is `t{n}`.
#[derive(Clone, Default)]
struct Rotating {
    asked: Rc<Cell<u32>>,
}

impl Platform for Rotating {
    type Sending = Ready<Event>;
    type Sleeping = Ready<()>;
    type Fetching = Ready<Event>;

    fn send(&self, request: HttpRequest, _: AttemptLimits) -> Ready<Event> {
        let accepted = request.header("authorization") == Some("Bearer t2");
        let response = if accepted {
            HttpResponse::new(200, r#"{"cursor":"c"}"#)
        } else {
            HttpResponse::new(401, r#"{"code":"AccessTokenInvalid","message":"expired"}"#)
        };
        ready(Event::Response(response))
    }

    fn sleep(&self, _: Duration) -> Ready<()> {
        ready(())
    }

    fn access_token(&self) -> Ready<Event> {
        self.asked.set(self.asked.get() + 1);
        ready(Event::provided_token(format!("t{}", self.asked.get())))
    }

    fn tick(&self) -> Tick {
        Tick { unix_ms: 1_795_368_414_000, random: 0 }
    }
}

/// Polls every future in turn until all are done, as one thread of an executor would.
fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    let mut context = Context::from_waker(Waker::noop());
    while outputs.iter().any(Option::is_none) {
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none()
                && let Poll::Ready(done) = future.as_mut().poll(&mut context)
            {
                *output = Some(done);
            }
        }
    }
    outputs.into_iter().flatten().collect()
}

#[test]
fn sixteen_calls_refused_with_a_401_ask_the_provider_once_for_a_new_token() {
    let platform = Rotating::default();
    let client = PdsClient::new(Endpoint::base_url("http://127.0.0.1:9").unwrap(), Credentials::token_provider());
    let calls = (0..16).map(|_| run(platform.clone(), client.call(GetLastCursorRequest::new("1")).unwrap()));
    let results = join_all(calls.collect());
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(platform.asked.get(), 2, "once for the first token, once after the service refused it");

    let again = join_all(vec![run(platform.clone(), client.call(GetLastCursorRequest::new("1")).unwrap())]);
    assert!(again[0].is_ok());
    assert_eq!(platform.asked.get(), 2, "later calls use the token the client has");
}
