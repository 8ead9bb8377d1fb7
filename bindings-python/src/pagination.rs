//! Listings as Python iterators. The core's walker decides everything (which page, the page sent for early, the
//! entries, the position to save); these classes run it one step at a time and hand out what it gives.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, PoisonError};

use drivekit_core::Error;
use drivekit_core::call::{Exchange, Operation};
use drivekit_core::driver::Walker;
use drivekit_core::paginate::Listing as CoreListing;
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::{PyClass, PyClassInitializer};

use crate::driver::{Connection, PyPlatform, Waiting, block_on, spawn};
use crate::errors::to_py_err;

/// A page or an entry on its way to Python, made a Python object once the GIL is held.
type Handed = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

type Step<'a> = Pin<Box<dyn Future<Output = Result<Option<Handed>, Error>> + Send + 'a>>;

/// The core's walker of any listing, its pages and entries handed out as Python objects.
trait Walk: Send {
    fn step(&mut self, unit: Unit) -> Step<'_>;
    fn standing(&self) -> Standing;
    fn close(&mut self);
}

impl<Client, R> Walk for Walker<PyPlatform, Client, R>
where
    Client: Send + Sync,
    R: CoreListing + Operation<Client> + Clone + Send,
    R::Exchange: Exchange<Output = R::Page> + Send,
    R::Page: PyClass + Into<PyClassInitializer<R::Page>> + Send,
    R::Item: PyClass + Into<PyClassInitializer<R::Item>> + Send,
{
    fn step(&mut self, unit: Unit) -> Step<'_> {
        Box::pin(async move {
            Ok(match unit {
                Unit::Page => self.next_page().await?.map(handed),
                Unit::Item => self.next_item().await?.map(handed),
            })
        })
    }

    fn standing(&self) -> Standing {
        Standing { position: self.position(), cursor: self.cursor().map(str::to_owned), done: self.is_done() }
    }

    fn close(&mut self) {
        Walker::close(self);
    }
}

fn handed<T: PyClass + Into<PyClassInitializer<T>> + Send>(value: T) -> Handed {
    Box::new(move |py| Py::new(py, value).map(Py::into_any))
}

/// Where a listing stands after what it handed out last.
#[derive(Clone)]
struct Standing {
    position: String,
    cursor: Option<String>,
    done: bool,
}

/// What each listing class holds: the walk, stepped by one caller at a time, and where it stands, which stays
/// readable while a step is under way.
#[derive(Clone)]
pub(crate) struct Listing {
    walk: Arc<tokio::sync::Mutex<Box<dyn Walk>>>,
    standing: Arc<std::sync::Mutex<Standing>>,
}

/// What a listing hands out: whole pages, or their entries one at a time.
#[derive(Clone, Copy)]
pub(crate) enum Unit {
    Page,
    Item,
}

impl Listing {
    fn new(walk: Box<dyn Walk>) -> Self {
        let standing = Arc::new(std::sync::Mutex::new(walk.standing()));
        Listing { walk: Arc::new(tokio::sync::Mutex::new(walk)), standing }
    }

    /// The next page or entry; `None` once the listing is over. Dropping the future cancels the fetch under way.
    async fn next(self, unit: Unit) -> Result<Option<Handed>, Error> {
        let mut walk = self.walk.lock().await;
        let step = walk.step(unit).await;
        *self.standing.lock().unwrap_or_else(PoisonError::into_inner) = walk.standing();
        step
    }

    /// Ends the listing once the step under way (if any) is over, cancelling the page fetched ahead.
    async fn close(self) -> Result<(), Error> {
        let mut walk = self.walk.lock().await;
        walk.close();
        *self.standing.lock().unwrap_or_else(PoisonError::into_inner) = walk.standing();
        Ok(())
    }

    fn standing(&self) -> Standing {
        self.standing.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The next page or entry, waited for on this thread with the GIL released.
    fn blocking_next(&self, py: Python<'_>, unit: Unit) -> PyResult<Option<Py<PyAny>>> {
        block_on(py, self.clone().next(unit))?.map(|handed| handed(py)).transpose()
    }

    /// The next page or entry as an asyncio awaitable, which raises `StopAsyncIteration` at the end.
    fn awaitable_next<'py>(&self, py: Python<'py>, unit: Unit) -> PyResult<Bound<'py, PyAny>> {
        let listing = self.clone();
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let step = listing.next(unit).await;
            Python::attach(|py| match step {
                Ok(Some(handed)) => handed(py),
                Ok(None) => Err(PyStopAsyncIteration::new_err(())),
                Err(err) => Err(to_py_err(py, err)),
            })
        })
    }
}

impl<Client: Clone + Send + Sync + 'static> Connection<Client> {
    /// The walk of `request`'s listing from `position`; the request and the position are checked now, before any
    /// request is sent.
    fn walk<R>(&self, py: Python<'_>, request: R, position: Option<&str>) -> PyResult<Listing>
    where
        R: CoreListing + Operation<Client> + Clone + Send + 'static,
        R::Exchange: Exchange<Output = R::Page> + Send,
        R::Page: PyClass + Into<PyClassInitializer<R::Page>> + Send,
        R::Item: PyClass + Into<PyClassInitializer<R::Item>> + Send,
    {
        let walker = Walker::new(self.platform()?, self.core.clone(), request, position);
        Ok(Listing::new(Box::new(walker.map_err(|err| to_py_err(py, err))?)))
    }

    /// The listing of `request` from `position`, handing out `unit`s as the client waits: `Pages` or `Items` on a
    /// blocking client, `AsyncPages` or `AsyncItems` on an asyncio one. The request and the position are checked
    /// now, before any request is sent.
    pub(crate) fn listing<R>(
        &self,
        py: Python<'_>,
        request: Result<R, Error>,
        position: Option<String>,
        unit: Unit,
    ) -> PyResult<Py<PyAny>>
    where
        R: CoreListing + Operation<Client> + Clone + Send + 'static,
        R::Exchange: Exchange<Output = R::Page> + Send,
        R::Page: PyClass + Into<PyClassInitializer<R::Page>> + Send,
        R::Item: PyClass + Into<PyClassInitializer<R::Item>> + Send,
    {
        let request = request.map_err(|err| to_py_err(py, err))?;
        let listing = self.walk(py, request, position.as_deref())?;
        match (self.waiting, unit) {
            (Waiting::Blocking, Unit::Page) => Py::new(py, Pages(listing)).map(Py::into_any),
            (Waiting::Blocking, Unit::Item) => Py::new(py, Items(listing)).map(Py::into_any),
            (Waiting::Asyncio, Unit::Page) => Py::new(py, AsyncPages(listing)).map(Py::into_any),
            (Waiting::Asyncio, Unit::Item) => Py::new(py, AsyncItems(listing)).map(Py::into_any),
        }
    }
}

/// The pages of a listing, fetched as the loop asks, the next one already on its way.
#[pyclass(module = "drivekit", frozen)]
pub(crate) struct Pages(Listing);

/// The entries of a listing, page after page.
#[pyclass(module = "drivekit", frozen)]
pub(crate) struct Items(Listing);

/// The pages of a listing for `async for`.
#[pyclass(module = "drivekit", frozen)]
pub(crate) struct AsyncPages(Listing);

/// The entries of a listing for `async for`.
#[pyclass(module = "drivekit", frozen)]
pub(crate) struct AsyncItems(Listing);

/// Each class: its own way of stepping (`$methods`), and what the four share: where the listing stands, and
/// `Pages[DeltaPage]` and the like in annotations.
macro_rules! listing_class {
    ($class:ident { $($methods:tt)* }) => {
        #[pymethods]
        impl $class {
            $($methods)*

            /// Where to resume with nothing handed out so far coming again and nothing else missed: pass it as
            /// `position=` to the same listing, in this process or another (another listing, or one also given a
            /// cursor, refuses it with a `ValidationError` before sending anything). For a finished delta feed it
            /// is where the next sync starts.
            #[getter]
            fn position(&self) -> String {
                self.0.standing().position
            }

            /// The service's own cursor (or marker, or page cursor) of the next page, as the `list_` methods
            /// take it; it ignores the entries handed out from a page, so resume from `position` instead.
            #[getter]
            fn cursor(&self) -> Option<String> {
                self.0.standing().cursor
            }

            /// Whether everything has been handed out (or the listing was closed).
            #[getter]
            fn done(&self) -> bool {
                self.0.standing().done
            }

            /// The class itself at run time.
            #[classmethod]
            #[pyo3(signature = (item, /))]
            fn __class_getitem__(cls: &Bound<'_, PyType>, item: &Bound<'_, PyAny>) -> Py<PyType> {
                let _ = item;
                cls.clone().unbind()
            }
        }
    };
}

listing_class!(Pages {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.0.blocking_next(py, Unit::Page)
    }

    /// Ends the listing and cancels the page fetched ahead.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        block_on(py, self.0.clone().close())
    }
});

listing_class!(Items {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.0.blocking_next(py, Unit::Item)
    }

    /// Ends the listing and cancels the page fetched ahead.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        block_on(py, self.0.clone().close())
    }
});

listing_class!(AsyncPages {
    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.awaitable_next(py, Unit::Page)
    }

    /// Ends the listing and cancels the page fetched ahead.
    fn aclose<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, self.0.clone().close())
    }
});

listing_class!(AsyncItems {
    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.awaitable_next(py, Unit::Item)
    }

    /// Ends the listing and cancels the page fetched ahead.
    fn aclose<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, self.0.clone().close())
    }
});
