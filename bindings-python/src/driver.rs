//! The driver loop: performs what a core call asks for (send, sleep, fetch a token) and nothing else, either
//! blocking a Python thread with the GIL released or as an asyncio awaitable.

use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::BuildHasher;
use std::pin::Pin;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use drivekit_core::Error;
use drivekit_core::call::{Action, Call, Event, Exchange, Tick};
use drivekit_core::koodrive::{KooDriveClient, KooDriveExchange, KooDriveOperation};
use drivekit_core::pds::{PdsClient, PdsExchange, PdsOperation};
use drivekit_core::retry::RetryPolicy;
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::errors::to_py_err;
use crate::transport::{Transport, runtime};

/// How often a blocked call lets Python run its signal handlers, so that Ctrl-C stops it.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(100);

/// An operation a service's core client turns into a call.
pub(crate) trait Operation<Client>: Send + 'static {
    /// The exchange the call runs.
    type Exchange: Exchange<Output: Send + 'static> + Send + 'static;

    /// Validates the input and returns the call; nothing is sent yet.
    fn call(self, client: &Client) -> Result<Call<Self::Exchange>, Error>;
}

impl<O: PdsOperation + Send + Sync + 'static> Operation<PdsClient> for O
where
    O::Output: Send + 'static,
{
    type Exchange = PdsExchange<O>;

    fn call(self, client: &PdsClient) -> Result<Call<PdsExchange<O>>, Error> {
        client.call(self)
    }
}

impl<O: KooDriveOperation + Send + Sync + 'static> Operation<KooDriveClient> for O
where
    O::Output: Send + 'static,
{
    type Exchange = KooDriveExchange<O>;

    fn call(self, client: &KooDriveClient) -> Result<Call<KooDriveExchange<O>>, Error> {
        client.call(self)
    }
}

/// How a client waits: blocking its thread, or as asyncio awaitables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Waiting {
    Blocking,
    Asyncio,
}

/// Runs calls: the transport, the runtime's timers, and the caller's token provider.
#[derive(Debug)]
pub(crate) struct Driver {
    transport: Transport,
    token_provider: Option<Py<PyAny>>,
    waiting: Waiting,
}

/// What a token provider answered: a token, or (from an `async def` provider) a coroutine that will give one.
enum Answer {
    Token(String),
    Awaiting(Pin<Box<dyn Future<Output = PyResult<Py<PyAny>>> + Send>>),
}

impl Driver {
    /// Does what the call says until it is done.
    pub(crate) async fn run<E: Exchange>(&self, call: Call<E>) -> Result<E::Output, Error> {
        self.run_peeking(call, |_| {}).await
    }

    /// Does what the call says until it is done, showing `peek` the body of a successful response before the
    /// core decodes it (a listing reads the next page's position there, to send for it meanwhile).
    pub(crate) async fn run_peeking<E: Exchange>(
        &self,
        mut call: Call<E>,
        peek: impl FnOnce(&[u8]),
    ) -> Result<E::Output, Error> {
        let mut peek = Some(peek);
        let mut event = Event::Start;
        loop {
            let action = match event {
                // Decoding a page takes a while; meanwhile the runtime's other tasks (the next page's fetch above
                // all) move to another thread rather than wait behind it.
                response @ Event::Response(_) => tokio::task::block_in_place(|| call.step(response, tick())),
                event => call.step(event, tick()),
            };
            event = match action {
                Action::Send { request, timeout } => {
                    let event = self.transport.send(request, timeout).await;
                    if let Event::Response(response) = &event
                        && response.is_success()
                        && let Some(peek) = peek.take()
                    {
                        peek(&response.body);
                    }
                    event
                }
                Action::Sleep(wait) => {
                    tokio::time::sleep(wait).await;
                    Event::Slept
                }
                Action::FetchAccessToken => self.fetch_access_token().await,
                Action::Done(result) => return result,
            };
        }
    }

    /// Whether calls may await coroutines on the caller's event loop, and so must run where its task locals are.
    pub(crate) fn awaits_coroutines(&self) -> bool {
        self.waiting == Waiting::Asyncio && self.token_provider.is_some()
    }

    async fn fetch_access_token(&self) -> Event {
        let Some(provider) = &self.token_provider else {
            return Event::TokenProviderFailed("no token provider was given".to_owned());
        };
        let token = match Python::attach(|py| self.ask(py, provider.bind(py))) {
            Ok(Answer::Token(token)) => Ok(token),
            Ok(Answer::Awaiting(coroutine)) => {
                coroutine.await.and_then(|token| Python::attach(|py| as_token(token.bind(py))))
            }
            Err(err) => Err(err),
        };
        match token {
            Ok(token) => Event::provided_token(token),
            Err(err) => Event::TokenProviderFailed(err.to_string()),
        }
    }

    fn ask(&self, py: Python<'_>, provider: &Bound<'_, PyAny>) -> PyResult<Answer> {
        let answer = provider.call0()?;
        if !answer.hasattr(intern!(py, "__await__"))? {
            return as_token(&answer).map(Answer::Token);
        }
        if self.waiting == Waiting::Blocking {
            // Closing the coroutine spares the user Python's "never awaited" warning on top of this error.
            if answer.hasattr(intern!(py, "close"))? {
                answer.call_method0(intern!(py, "close"))?;
            }
            return Err(PyTypeError::new_err(
                "the token provider returned an awaitable: async providers are for AsyncPdsClient and \
                 AsyncKooDriveClient",
            ));
        }
        let coroutine = pyo3_async_runtimes::tokio::into_future(answer)?;
        Ok(Answer::Awaiting(Box::pin(coroutine)))
    }
}

fn as_token(answer: &Bound<'_, PyAny>) -> PyResult<String> {
    answer.extract::<String>().map_err(|_| {
        let kind = answer.get_type().name().map_or_else(|_| "something else".to_owned(), |name| name.to_string());
        PyTypeError::new_err(format!("the token provider returned {kind}, not a str"))
    })
}

/// The time now and fresh randomness, for the core's dates, nonces and jitter.
fn tick() -> Tick {
    let unix_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_millis());
    // Each `RandomState` is keyed from the OS's randomness: plenty for nonces and jitter, with no extra crate.
    let high = RandomState::new().hash_one(unix_ms);
    let low = RandomState::new().hash_one(high);
    Tick { unix_ms: u64::try_from(unix_ms).unwrap_or(u64::MAX), random: (u128::from(high) << 64) | u128::from(low) }
}

/// A service's core client with the driver its calls run on; closing drops the pooled connections.
#[derive(Debug)]
pub(crate) struct Connection<Client> {
    pub(crate) core: Client,
    driver: RwLock<Option<Arc<Driver>>>,
}

impl<Client> Connection<Client> {
    pub(crate) fn new(core: Client, token_provider: Option<Py<PyAny>>, waiting: Waiting) -> PyResult<Self> {
        let transport = Transport::new().map_err(PyRuntimeError::new_err)?;
        let driver = Arc::new(Driver { transport, token_provider, waiting });
        Ok(Connection { core, driver: RwLock::new(Some(driver)) })
    }

    /// The driver, unless the client was closed.
    pub(crate) fn driver(&self) -> PyResult<Arc<Driver>> {
        let driver = self.driver.read().unwrap_or_else(PoisonError::into_inner);
        driver.clone().ok_or_else(|| PyRuntimeError::new_err("the client is closed"))
    }

    /// Lets go of the connection pool; calls already running finish first.
    pub(crate) fn close(&self) {
        self.driver.write().unwrap_or_else(PoisonError::into_inner).take();
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.driver.read().unwrap_or_else(PoisonError::into_inner).is_none()
    }

    /// Runs an operation on this thread with the GIL released; a validation error is raised before any request.
    pub(crate) fn blocking<O: Operation<Client>>(
        &self,
        py: Python<'_>,
        operation: O,
    ) -> PyResult<<O::Exchange as Exchange>::Output> {
        let call = operation.call(&self.core).map_err(|err| to_py_err(py, err))?;
        let driver = self.driver()?;
        block_on(py, async move { driver.run(call).await })
    }

    /// Runs an operation as an asyncio awaitable; a validation error is raised before any request.
    pub(crate) fn awaitable<'py, O: Operation<Client>>(
        &self,
        py: Python<'py>,
        operation: O,
    ) -> PyResult<Bound<'py, PyAny>>
    where
        <O::Exchange as Exchange>::Output: for<'any> IntoPyObject<'any>,
    {
        let call = operation.call(&self.core).map_err(|err| to_py_err(py, err))?;
        let driver = self.driver()?;
        spawn(py, async move { driver.run(call).await })
    }
}

/// Waits for `work` with the GIL released, so that other threads run meanwhile; a signal (Ctrl-C) drops the
/// work, which cancels its request, and raises.
pub(crate) fn block_on<T: Send>(py: Python<'_>, work: impl Future<Output = Result<T, Error>> + Send) -> PyResult<T> {
    let outcome = py.detach(|| {
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

/// The retry policy from the clients' `timeout` (seconds one attempt may take) and `retries` (attempts after
/// the first); the core checks the result, so a negative value is reported rather than wrapped.
pub(crate) fn retry_policy(timeout: Option<f64>, retries: Option<i64>) -> RetryPolicy {
    let default = RetryPolicy::default();
    RetryPolicy {
        max_attempts: retries.map_or(default.max_attempts, |retries| {
            retries.checked_add(1).and_then(|attempts| u32::try_from(attempts).ok()).unwrap_or(0)
        }),
        attempt_timeout: timeout
            .map_or(default.attempt_timeout, |seconds| Duration::try_from_secs_f64(seconds).unwrap_or(Duration::ZERO)),
        ..default
    }
}
