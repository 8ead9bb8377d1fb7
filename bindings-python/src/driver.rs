//! The Python platform under the core's driver: reqwest sends, tokio sleeps, the caller's token provider, and the
//! two ways a Python caller waits, blocking a thread with the GIL released or as an asyncio awaitable.

use std::collections::hash_map::RandomState;
use std::future::{Future, ready};
use std::hash::BuildHasher;
use std::pin::{Pin, pin};
use std::sync::{Arc, PoisonError, RwLock};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use drivekit_core::Error;
use drivekit_core::call::{Event, Exchange, Operation, Tick};
use drivekit_core::driver::{Platform, run};
use drivekit_core::http::{AttemptLimits, HttpRequest};
use drivekit_core::retry::RetryPolicy;
use drivekit_core::throttle::RateLimit;
use pyo3::BoundObject;
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use tokio::task::JoinHandle;

use crate::errors::to_py_err;
use crate::transport::{Transport, runtime};

/// How often a blocked call lets Python run its signal handlers, so that Ctrl-C stops it.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(100);

/// How a client waits: blocking its thread, or as asyncio awaitables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Waiting {
    Blocking,
    Asyncio,
}

/// What the core's driver runs on in Python: cheap to clone into every call and listing of a client.
#[derive(Clone)]
pub(crate) struct PyPlatform(Arc<Resources>);

struct Resources {
    transport: Transport,
    token_provider: Option<Py<PyAny>>,
    waiting: Waiting,
}

type Boxed<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl Platform for PyPlatform {
    type Sending = Spawned<Event>;
    type Sleeping = Boxed<()>;
    type Fetching = Boxed<Event>;

    /// The request goes out on the runtime's threads at once, so that a page sent for early arrives while Python
    /// works through the one before it.
    fn send(&self, request: HttpRequest, limits: AttemptLimits) -> Spawned<Event> {
        let transport = self.0.transport.clone();
        Spawned(runtime().spawn(async move { transport.send(request, limits).await }))
    }

    fn sleep(&self, wait: Duration) -> Boxed<()> {
        // Entered, since a listing's first poll may come from Python's thread rather than the runtime's.
        let _runtime = runtime().enter();
        Box::pin(tokio::time::sleep(wait))
    }

    fn access_token(&self) -> Boxed<Event> {
        let asked = Python::attach(|py| self.ask(py));
        Box::pin(async move {
            let token = match asked {
                Ok(answer) => answer.await,
                Err(err) => Err(err),
            };
            token.map_or_else(|err| Event::TokenProviderFailed(err.to_string()), Event::provided_token)
        })
    }

    fn tick(&self) -> Tick {
        let unix_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_millis());
        // Each `RandomState` is keyed from the OS's randomness: plenty for nonces and jitter, with no extra crate.
        let high = RandomState::new().hash_one(unix_ms);
        let low = RandomState::new().hash_one(high);
        Tick { unix_ms: u64::try_from(unix_ms).unwrap_or(u64::MAX), random: (u128::from(high) << 64) | u128::from(low) }
    }

    /// Decoding a page takes a while; meanwhile the runtime's other tasks (the next page's fetch above all) move to
    /// another thread rather than wait behind it.
    fn decode<T>(&self, decode: impl FnOnce() -> T) -> T {
        tokio::task::block_in_place(decode)
    }
}

impl PyPlatform {
    /// Calls the token provider: its token, or from an `async def` provider the coroutine that will give one.
    fn ask(&self, py: Python<'_>) -> PyResult<Boxed<PyResult<String>>> {
        let provider =
            self.0.token_provider.as_ref().ok_or_else(|| PyTypeError::new_err("no token provider was given"))?;
        let answer = provider.bind(py).call0()?;
        if !answer.hasattr(intern!(py, "__await__"))? {
            return as_token(&answer).map(|token| -> Boxed<_> { Box::pin(ready(Ok(token))) });
        }
        if self.0.waiting == Waiting::Blocking {
            // Closing the coroutine spares the user Python's "never awaited" warning on top of this error.
            if answer.hasattr(intern!(py, "close"))? {
                answer.call_method0(intern!(py, "close"))?;
            }
            return Err(PyTypeError::new_err(
                "the token provider returned an awaitable: async providers are for AsyncPdsClient and \
                 AsyncKooDriveClient",
            ));
        }
        // Awaited on the caller's event loop, which the awaitable running this call carries as its task locals.
        let coroutine = pyo3_async_runtimes::tokio::into_future(answer)?;
        Ok(Box::pin(async move { coroutine.await.and_then(|token| Python::attach(|py| as_token(token.bind(py)))) }))
    }
}

fn as_token(answer: &Bound<'_, PyAny>) -> PyResult<String> {
    answer.extract::<String>().map_err(|_| {
        let kind = answer.get_type().name().map_or_else(|_| "something else".to_owned(), |name| name.to_string());
        PyTypeError::new_err(format!("the token provider returned {kind}, not a str"))
    })
}

/// Work running as a task of its own; dropping it (the call was cancelled) aborts the task.
pub(crate) struct Spawned<T>(JoinHandle<T>);

impl<T> Future for Spawned<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<T> {
        Pin::new(&mut self.0).poll(context).map(|joined| match joined {
            Ok(output) => output,
            // Only `drop` aborts the task, so a join error is a panic: carried on to the caller, where pyo3 raises it.
            Err(err) => std::panic::resume_unwind(err.into_panic()),
        })
    }
}

impl<T> Drop for Spawned<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A service's core client with the platform its calls run on; closing drops the pooled connections.
pub(crate) struct Connection<Client> {
    pub(crate) core: Client,
    platform: RwLock<Option<PyPlatform>>,
    pub(crate) waiting: Waiting,
}

impl<Client> Connection<Client> {
    pub(crate) fn new(core: Client, token_provider: Option<Py<PyAny>>, waiting: Waiting) -> PyResult<Self> {
        let transport = Transport::new().map_err(PyRuntimeError::new_err)?;
        let platform = PyPlatform(Arc::new(Resources { transport, token_provider, waiting }));
        Ok(Connection { core, platform: RwLock::new(Some(platform)), waiting })
    }

    /// The platform, unless the client was closed.
    pub(crate) fn platform(&self) -> PyResult<PyPlatform> {
        let platform = self.platform.read().unwrap_or_else(PoisonError::into_inner);
        platform.clone().ok_or_else(|| PyRuntimeError::new_err("the client is closed"))
    }

    /// Lets go of the connection pool; calls and listings already running finish first.
    pub(crate) fn close(&self) {
        self.platform.write().unwrap_or_else(PoisonError::into_inner).take();
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.platform.read().unwrap_or_else(PoisonError::into_inner).is_none()
    }

    /// Runs an operation as the client waits: to its result on a blocking client, as an awaitable on an asyncio
    /// one. An input the core refused is raised here, before any request.
    pub(crate) fn perform<O>(&self, py: Python<'_>, operation: Result<O, Error>) -> PyResult<Py<PyAny>>
    where
        O: Operation<Client>,
        O::Exchange: Send + 'static,
        <O::Exchange as Exchange>::Output: for<'any> IntoPyObject<'any> + Send + 'static,
    {
        let operation = operation.map_err(|err| to_py_err(py, err))?;
        match self.waiting {
            Waiting::Blocking => {
                let output = self.blocking(py, operation)?;
                output.into_pyobject(py).map(|output| output.into_any().unbind()).map_err(Into::into)
            }
            Waiting::Asyncio => self.awaitable(py, operation).map(Bound::unbind),
        }
    }

    /// Runs an operation on this thread with the GIL released; a validation error is raised before any request.
    pub(crate) fn blocking<O>(&self, py: Python<'_>, operation: O) -> PyResult<<O::Exchange as Exchange>::Output>
    where
        O: Operation<Client>,
        O::Exchange: Send,
        <O::Exchange as Exchange>::Output: Send,
    {
        let call = operation.call(&self.core).map_err(|err| to_py_err(py, err))?;
        block_on(py, run(self.platform()?, call))
    }

    /// Runs an operation as an asyncio awaitable; a validation error is raised before any request.
    pub(crate) fn awaitable<'py, O>(&self, py: Python<'py>, operation: O) -> PyResult<Bound<'py, PyAny>>
    where
        O: Operation<Client>,
        O::Exchange: Send + 'static,
        <O::Exchange as Exchange>::Output: for<'any> IntoPyObject<'any> + Send + 'static,
    {
        let call = operation.call(&self.core).map_err(|err| to_py_err(py, err))?;
        spawn(py, run(self.platform()?, call))
    }
}

/// Waits for `work` with the GIL released, so that other threads run meanwhile; a signal (Ctrl-C) drops the
/// work, which cancels its request, and raises.
pub(crate) fn block_on<T: Send>(py: Python<'_>, work: impl Future<Output = Result<T, Error>> + Send) -> PyResult<T> {
    let outcome = py.detach(|| {
        let mut work = pin!(work);
        // Most steps of a listing are ready at once (the next entry of a page at hand): one poll spares them the
        // runtime's park and the signal timer.
        let polled = {
            let _runtime = runtime().enter();
            work.as_mut().poll(&mut Context::from_waker(Waker::noop()))
        };
        if let Poll::Ready(result) = polled {
            return Ok(result);
        }
        runtime().block_on(async {
            tokio::select! {
                result = work => Ok(result),
                interrupt = interrupted() => Err(interrupt),
            }
        })
    });
    outcome?.map_err(|err| to_py_err(py, err))
}

/// Python runs signal handlers only when asked to, under the GIL.
async fn interrupted() -> PyErr {
    loop {
        tokio::time::sleep(SIGNAL_CHECK_INTERVAL).await;
        if let Err(interrupt) = Python::attach(|py| py.check_signals()) {
            return interrupt;
        }
    }
}

/// Runs `work` on the runtime as an asyncio awaitable; cancelling the awaitable drops the work and its request.
pub(crate) fn spawn<'py, T>(
    py: Python<'py>,
    work: impl Future<Output = Result<T, Error>> + Send + 'static,
) -> PyResult<Bound<'py, PyAny>>
where
    T: for<'any> IntoPyObject<'any> + Send + 'static,
{
    let future = pyo3_async_runtimes::tokio::future_into_py(py, async move {
        work.await.map_err(|err| Python::attach(|py| to_py_err(py, err)))
    })?;
    as_coroutine(&future)
}

static AWAITING: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Wraps an asyncio future in a coroutine, so that `asyncio.create_task` takes it as it takes any `async def`;
/// cancelling the coroutine cancels the future, and with it the work.
fn as_coroutine<'py>(future: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = future.py();
    let awaiting = AWAITING.get_or_try_init(py, || {
        let code = c"async def awaiting(awaitable):\n    return await awaitable\n";
        let module = PyModule::from_code(py, code, c"drivekit/_native/awaiting.py", c"drivekit._awaiting")?;
        module.getattr("awaiting").map(Bound::unbind)
    })?;
    awaiting.bind(py).call1((future,))
}

/// The retry policy from the clients' options: `timeout` (seconds the whole call may take, waits included),
/// `attempt_timeout` (seconds one attempt may take) and `retries` (attempts after the first). The core checks the
/// result, and [`retries_rule`] words its refusals.
pub(crate) fn retry_policy(timeout: Option<f64>, attempt_timeout: Option<f64>, retries: Option<i64>) -> RetryPolicy {
    let default = RetryPolicy::default();
    // A value that is no duration (negative, NaN) becomes zero, which the core refuses by name; one too long for
    // a duration is no limit.
    let seconds = |given: Option<f64>, default: Duration| {
        given.map_or(default, |seconds| {
            Duration::try_from_secs_f64(seconds).unwrap_or(if seconds > 0.0 { Duration::MAX } else { Duration::ZERO })
        })
    };
    RetryPolicy {
        max_attempts: retries.map_or(default.max_attempts, |retries| {
            if retries < 0 { 0 } else { u32::try_from(retries.saturating_add(1)).unwrap_or(u32::MAX) }
        }),
        attempt_timeout: seconds(attempt_timeout, default.attempt_timeout),
        total_timeout: seconds(timeout, default.total_timeout),
        ..default
    }
}

/// The `max_response_bytes` option as the core takes it: one below 1 (negative included) becomes 0, which the core
/// refuses by name.
pub(crate) fn max_response_bytes(given: Option<i64>) -> Option<u64> {
    given.map(|bytes| u64::try_from(bytes).unwrap_or(0))
}

/// The core's pacing from the `max_requests_per_second` and `adaptive_rate_limit` options; the core checks it when
/// the client takes it.
pub(crate) fn rate_limit(max_requests_per_second: Option<f64>, adaptive_rate_limit: Option<bool>) -> RateLimit {
    let default = RateLimit::default();
    RateLimit { adaptive: adaptive_rate_limit.unwrap_or(default.adaptive), max_requests_per_second }
}

/// The core's refusal of a retry policy in the terms of the Python options: `retries` counts the attempts after
/// the first, where the core's `max_attempts` counts them all, so no attempt at all is a negative `retries`.
/// (`errors` gives the options their Python names.)
pub(crate) fn retries_rule(error: Error) -> Error {
    match error {
        Error::InvalidArgument { field: field @ "max_attempts", .. } => {
            Error::InvalidArgument { field, rule: "must not be negative".to_owned() }
        }
        other => other,
    }
}
