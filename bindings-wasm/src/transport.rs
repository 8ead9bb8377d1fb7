//! The platform's half of a call: `fetch` and timers, reached through the global scope, so that the same code
//! runs in a page, a worker and Node 18+ (none of which is required to have a `window`).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use drivekit_core::TransportErrorKind;
use drivekit_core::call::Event;
use drivekit_core::http::{AttemptLimits, HttpRequest, HttpResponse};
use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    AbortController, AbortSignal, AddEventListenerOptions, Headers, ReadableStreamDefaultReader,
    ReadableStreamReadResult, RequestInit, Response,
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
    // Node answers a `Timeout` object rather than a number, so the id stays an opaque value.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, milliseconds: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Timers fire at once when asked for more than 2^31 - 1 ms, so longer waits are capped there (about 24 days).
const LONGEST_TIMER_MS: f64 = 2_147_483_647.0;

/// A pending `setTimeout`, cleared when dropped so that no timer outlives its call (or keeps Node running).
struct Timer(JsValue);

impl Timer {
    fn start(after: Duration, callback: &Function) -> Self {
        Timer(set_timeout(callback, (after.as_secs_f64() * 1000.0).min(LONGEST_TIMER_MS)))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.0);
    }
}

/// A listener of the caller's abort signal, removed when dropped.
struct AbortListener {
    signal: AbortSignal,
    callback: Function,
}

impl AbortListener {
    fn add(signal: &AbortSignal, callback: &Function) -> Self {
        let once = AddEventListenerOptions::new();
        once.set_once(true);
        // Adding a listener to an `AbortSignal` cannot fail; were it to, the call would only lose cancellation.
        let _ = signal.add_event_listener_with_callback_and_add_event_listener_options("abort", callback, &once);
        AbortListener { signal: signal.clone(), callback: callback.clone() }
    }
}

impl Drop for AbortListener {
    fn drop(&mut self) {
        let _ = self.signal.remove_event_listener_with_callback("abort", &self.callback);
    }
}

fn is_aborted(signal: Option<&AbortSignal>) -> bool {
    signal.is_some_and(AbortSignal::aborted)
}

/// Sends one attempt with `fetch`, aborting it when `limits.timeout` passes (body included), the caller's signal
/// fires, or the answer is no longer wanted (the future is dropped). From its first poll the exchange runs as a
/// task of its own, body and all, so that a page sent for early arrives while the caller works on the one before.
pub(crate) fn send(request: HttpRequest, limits: AttemptLimits, signal: Option<AbortSignal>) -> Sending {
    let answer = Rc::new(Answer::default());
    let attempt = match AbortController::new() {
        Ok(attempt) => attempt,
        Err(error) => {
            answer.event.set(Some(failed(TransportErrorKind::Connect, &error)));
            return Sending { attempt: None, exchange: None, answer };
        }
    };
    let exchange = Box::pin(attempt_exchange(request, limits, signal, attempt.clone()));
    Sending { attempt: Some(attempt), exchange: Some(exchange), answer }
}

/// A request on its way; see [`send`].
pub(crate) struct Sending {
    /// Aborts the attempt when the answer is no longer wanted.
    attempt: Option<AbortController>,
    /// The exchange, until the first poll starts it.
    exchange: Option<Pin<Box<dyn Future<Output = Event>>>>,
    answer: Rc<Answer>,
}

/// Where the exchange's task leaves its outcome, and whom to wake then.
#[derive(Default)]
struct Answer {
    event: Cell<Option<Event>>,
    waker: Cell<Option<Waker>>,
}

impl Future for Sending {
    type Output = Event;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Event> {
        let this = self.get_mut();
        if let Some(exchange) = this.exchange.take() {
            let answer = Rc::clone(&this.answer);
            spawn_local(async move {
                answer.event.set(Some(exchange.await));
                if let Some(waker) = answer.waker.take() {
                    waker.wake();
                }
            });
        }
        match this.answer.event.take() {
            Some(event) => Poll::Ready(event),
            None => {
                this.answer.waker.set(Some(context.waker().clone()));
                Poll::Pending
            }
        }
    }
}

impl Drop for Sending {
    fn drop(&mut self) {
        // Once the answer is in, aborting changes nothing; before, it stops the request and its task.
        if let Some(attempt) = &self.attempt {
            attempt.abort();
        }
    }
}

/// The exchange of one attempt, bounded by its timer, its size limit and the caller's signal.
async fn attempt_exchange(
    request: HttpRequest,
    limits: AttemptLimits,
    signal: Option<AbortSignal>,
    attempt: AbortController,
) -> Event {
    let timeout = limits.timeout;
    let signal = signal.as_ref();
    if is_aborted(signal) {
        return Event::Cancelled;
    }
    let abort_attempt = {
        let attempt = attempt.clone();
        Closure::<dyn FnMut()>::new(move || attempt.abort())
    };
    let abort_attempt_fn: &Function = abort_attempt.as_ref().unchecked_ref();
    let _timer = Timer::start(timeout, abort_attempt_fn);
    let _listener = signal.map(|signal| AbortListener::add(signal, abort_attempt_fn));
    match exchange(&request, limits, &attempt.signal()).await {
        Ok(response) => Event::Response(response),
        Err(_) if is_aborted(signal) => Event::Cancelled,
        Err((TransportErrorKind::ResponseTooLarge, _)) => Event::TransportFailed {
            kind: TransportErrorKind::ResponseTooLarge,
            message: format!("the body is longer than {} bytes", limits.max_response_bytes),
        },
        // Only the timer and the caller abort an attempt that is still awaited, and the caller did not.
        Err(_) if attempt.signal().aborted() => Event::TransportFailed {
            kind: TransportErrorKind::Timeout,
            message: format!("no answer within {} ms", timeout.as_millis()),
        },
        Err((kind, error)) => failed(kind, &error),
    }
}

/// One `fetch` and its whole body, within the size limit. A failure says how far it got: `Connect` before
/// `fetch` was asked, else `Io`, since a rejected `fetch` cannot tell whether the server saw the request; or
/// `ResponseTooLarge`.
async fn exchange(
    request: &HttpRequest,
    limits: AttemptLimits,
    signal: &AbortSignal,
) -> Result<HttpResponse, (TransportErrorKind, JsValue)> {
    let before_sending = |error| (TransportErrorKind::Connect, error);
    let in_flight = |error| (TransportErrorKind::Io, error);
    let headers = Headers::new().map_err(before_sending)?;
    for (name, value) in &request.headers {
        headers.append(name, value).map_err(before_sending)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    if !request.body.is_empty() {
        init.set_body(&Uint8Array::from(request.body.as_slice()));
    }
    let answer = JsFuture::from(global_fetch(&request.url, &init).map_err(before_sending)?).await.map_err(in_flight)?;
    let response: Response = answer.dyn_into().map_err(in_flight)?;
    let headers = header_pairs(&response.headers());
    let announced = headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("content-length"));
    // A compressed body announces its compressed length: less than it will be, so a length past the limit is too.
    if announced
        .and_then(|(_, length)| length.trim().parse::<u64>().ok())
        .is_some_and(|length| limits.is_too_large(length))
    {
        return Err(too_large());
    }
    let body = read_body(&response, limits).await?;
    Ok(HttpResponse { status: response.status(), headers, body })
}

fn too_large() -> (TransportErrorKind, JsValue) {
    (TransportErrorKind::ResponseTooLarge, JsValue::UNDEFINED)
}

/// The body, read from its stream piece by piece and cancelled as soon as it is longer than the limit, so that
/// no more than the limit is ever held.
async fn read_body(response: &Response, limits: AttemptLimits) -> Result<Vec<u8>, (TransportErrorKind, JsValue)> {
    let in_flight = |error| (TransportErrorKind::Io, error);
    // A status without a body (204, say) has no stream.
    let Some(stream) = response.body() else { return Ok(Vec::new()) };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::new();
    loop {
        let read: ReadableStreamReadResult = JsFuture::from(reader.read()).await.map_err(in_flight)?.unchecked_into();
        if read.get_done().unwrap_or(false) {
            return Ok(body);
        }
        let piece: Uint8Array = read.get_value().unchecked_into();
        let start = body.len();
        let end = start + piece.length() as usize;
        if limits.is_too_large(end as u64) {
            // Cancelling the stream stops the download; what it answers changes nothing.
            let _ = reader.cancel();
            return Err(too_large());
        }
        body.resize(end, 0);
        piece.copy_to(&mut body[start..]);
    }
}

fn header_pairs(headers: &Headers) -> Vec<(String, String)> {
    let Ok(Some(entries)) = js_sys::try_iter(headers) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let pair = entry.dyn_into::<Array>().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

fn failed(kind: TransportErrorKind, error: &JsValue) -> Event {
    Event::TransportFailed { kind, message: describe(error) }
}

/// A platform error's message and, when Node gives one, its cause's (`fetch failed` alone says little).
pub(crate) fn describe(error: &JsValue) -> String {
    let message_of = |value: &JsValue| {
        value.dyn_ref::<js_sys::Error>().map(|error| String::from(error.message())).or_else(|| value.as_string())
    };
    let message = message_of(error).unwrap_or_else(|| "fetch failed".to_owned());
    let cause = js_sys::Reflect::get(error, &JsValue::from_str("cause")).ok().and_then(|cause| message_of(&cause));
    match cause {
        Some(cause) if !cause.is_empty() => format!("{message}: {cause}"),
        _ => message,
    }
}

/// Waits with the runtime's timer; the caller's signal ends the wait early.
pub(crate) async fn sleep(wait: Duration, signal: Option<AbortSignal>) {
    if is_aborted(signal.as_ref()) {
        return;
    }
    let mut timer = None;
    let mut listener = None;
    let woken = Promise::new(&mut |resolve, _reject| {
        timer = Some(Timer::start(wait, &resolve));
        listener = signal.as_ref().map(|signal| AbortListener::add(signal, &resolve));
    });
    // The promise only ever resolves.
    let _ = JsFuture::from(woken).await;
    drop((timer, listener));
}
