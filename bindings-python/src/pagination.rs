//! Listings as Python iterators: the core's `Pages` decides what comes next and when it ends; these classes
//! only fetch, hand out pages or items, and expose the position to save.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use drivekit_core::Error;
use drivekit_core::call::Exchange;
use drivekit_core::koodrive::{AlbumContent, AlbumFilesPage, ListAlbumFilesRequest};
use drivekit_core::paginate::{Pages as CorePages, Paginated};
use drivekit_core::pds::{DeltaItem, DeltaPage, File, ListDeltaRequest, ListRecyclebinRequest, RecyclebinPage};
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::{PyClass, PyClassInitializer};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::driver::{Connection, Driver, Operation, block_on};
use crate::errors::to_py_err;
use crate::transport::runtime;

/// A paginated operation and the items on its pages.
pub(crate) trait Listing: Paginated + Send + Sync + 'static {
    /// One entry of a page.
    type Item: PyClass + Into<PyClassInitializer<Self::Item>> + Send + Sync;

    /// The page's entries, moved out.
    fn into_items(page: Self::Page) -> Vec<Self::Item>;
}

impl Listing for ListDeltaRequest {
    type Item = DeltaItem;

    fn into_items(page: DeltaPage) -> Vec<DeltaItem> {
        page.items.unwrap_or_default()
    }
}

impl Listing for ListRecyclebinRequest {
    type Item = File;

    fn into_items(page: RecyclebinPage) -> Vec<File> {
        page.items.unwrap_or_default()
    }
}

impl Listing for ListAlbumFilesRequest {
    type Item = AlbumContent;

    fn into_items(page: AlbumFilesPage) -> Vec<AlbumContent> {
        page.content_list.unwrap_or_default()
    }
}

type Fetch<'a> = Pin<Box<dyn Future<Output = Result<bool, Error>> + Send + 'a>>;

/// A listing in progress, whatever its operation.
pub(crate) trait Walk: Send + Sync {
    /// Fetches the next page; `false` when the core says the listing is over.
    fn fetch(&mut self) -> Fetch<'_>;
    /// The page just fetched.
    fn take_page(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>>;
    /// The next entry of the pages fetched so far.
    fn take_item(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>>;
    /// Where to resume so that nothing handed out so far comes again, and nothing not yet handed out is missed.
    fn position(&self) -> Option<String>;
    /// Whether the listing is over.
    fn is_done(&self) -> bool;
}

/// The walk of one listing: the core's paginator, the page just fetched, the entries not handed out yet, and the
/// next page already on its way.
struct Walker<Client, R: Listing> {
    client: Client,
    driver: Arc<Driver>,
    pages: CorePages<R>,
    ahead: Option<Ahead<R>>,
    fetched: Option<R::Page>,
    unread: VecDeque<R::Item>,
    /// Where the page whose entries are being handed out started: resuming there misses none of them.
    page_start: Option<String>,
}

/// A page on its way: the request it answers, the task fetching and decoding it, and the position of the page
/// after it, known as soon as its body is in and long before its decoding ends.
struct Ahead<R: Paginated> {
    request: R,
    page: Prefetch<R::Page>,
    peeked: oneshot::Receiver<String>,
}

impl<Client, R> Walker<Client, R>
where
    Client: Send + Sync + 'static,
    R: Listing + Operation<Client>,
    R::Page: PyClass + Into<PyClassInitializer<R::Page>> + Send + Sync,
    R::Exchange: Exchange<Output = R::Page>,
{
    /// Starts a walk at the request's position; its input is validated now, before any request.
    fn start(client: Client, driver: Arc<Driver>, request: R) -> Result<Box<dyn Walk>, Error> {
        request.clone().call(&client)?;
        let page_start = request.position().map(str::to_owned);
        Ok(Box::new(Walker {
            client,
            driver,
            pages: CorePages::new(request),
            ahead: None,
            fetched: None,
            unread: VecDeque::new(),
            page_start,
        }))
    }

    /// Pages come one after another, each needing the last one's position, but not one at a time: while the
    /// caller works through a page the next one is on its way, and the one after is sent for as soon as the
    /// next one's body names it, so that its fetch overlaps the next one's decoding.
    async fn fetch_page(&mut self) -> Result<bool, Error> {
        let current = match self.ahead.take() {
            Some(ahead) => ahead,
            None => {
                let Some(request) = self.pages.next_request() else { return Ok(false) };
                self.send(request.clone())?
            }
        };
        // Nothing comes when the body did not name a next page plainly, or when the fetch failed.
        let early = match current.peeked.await {
            Ok(position) => self.pages.early_request(&position).and_then(|request| self.send(request).ok()),
            Err(_) => None,
        };
        let page = current.page.await?;
        self.page_start = self.pages.position().map(str::to_owned);
        self.pages.advance(&page)?;
        self.ahead = match early {
            Some(early) if self.pages.is_next(&early.request) => Some(early),
            // A request that cannot be made is left for the next `fetch_page` to report, in its turn.
            _ => self.pages.next_request().and_then(|request| self.send(request.clone()).ok()),
        };
        self.fetched = Some(page);
        Ok(true)
    }

    /// Sends for a page on the runtime's threads, where its wait for the server and its decoding happen.
    fn send(&self, request: R) -> Result<Ahead<R>, Error> {
        let call = request.clone().call(&self.client)?;
        let (tell, peeked) = oneshot::channel();
        let driver = Arc::clone(&self.driver);
        let awaits_coroutines = driver.awaits_coroutines();
        let work = async move {
            let peek = |body: &[u8]| {
                if let Some(position) = R::peek_next(body) {
                    // The walk may have moved on; then nobody needs the position.
                    let _ = tell.send(position);
                }
            };
            driver.run_peeking(call, peek).await
        };
        // An `async def` token provider is awaited on the caller's event loop, known only where the listing runs.
        let task = match awaits_coroutines.then(|| Python::attach(pyo3_async_runtimes::tokio::get_current_locals)) {
            Some(Ok(event_loop)) => runtime().spawn(pyo3_async_runtimes::tokio::scope(event_loop, work)),
            _ => runtime().spawn(work),
        };
        Ok(Ahead { request, page: Prefetch(task), peeked })
    }
}

/// A page being fetched in the background; dropping it (the listing was abandoned) cancels its request.
struct Prefetch<Page>(JoinHandle<Result<Page, Error>>);

impl<Page> Future for Prefetch<Page> {
    type Output = Result<Page, Error>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(context).map(|joined| match joined {
            Ok(result) => result,
            // A panic is carried on to the caller, where pyo3 raises it; nothing else aborts the task but `drop`.
            Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
            Err(_) => Err(Error::Cancelled),
        })
    }
}

impl<Page> Drop for Prefetch<Page> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl<Client, R> Walk for Walker<Client, R>
where
    Client: Send + Sync + 'static,
    R: Listing + Operation<Client>,
    R::Page: PyClass + Into<PyClassInitializer<R::Page>> + Send + Sync,
    R::Exchange: Exchange<Output = R::Page>,
{
    fn fetch(&mut self) -> Fetch<'_> {
        Box::pin(self.fetch_page())
    }

    fn take_page(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.fetched.take().map(|page| Py::new(py, page).map(Py::into_any)).transpose()
    }

    fn take_item(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if let Some(page) = self.fetched.take() {
            self.unread.extend(R::into_items(page));
        }
        self.unread.pop_front().map(|item| Py::new(py, item).map(Py::into_any)).transpose()
    }

    fn position(&self) -> Option<String> {
        if self.unread.is_empty() { self.pages.position().map(str::to_owned) } else { self.page_start.clone() }
    }

    fn is_done(&self) -> bool {
        self.pages.is_done()
    }
}

impl<Client: Clone + Send + Sync + 'static> Connection<Client> {
    /// A walk of the listing `request` starts, validated now, before any request.
    pub(crate) fn walk<R>(&self, py: Python<'_>, request: R) -> PyResult<Box<dyn Walk>>
    where
        R: Listing + Operation<Client>,
        R::Page: PyClass + Into<PyClassInitializer<R::Page>> + Send + Sync,
        R::Exchange: Exchange<Output = R::Page>,
    {
        let driver = self.driver()?;
        Walker::start(self.core.clone(), driver, request).map_err(|err| to_py_err(py, err))
    }
}

/// The pages of a listing, fetched one at a time as the loop asks.
#[pyclass(module = "drivekit")]
pub(crate) struct Pages {
    walk: Box<dyn Walk>,
}

/// The entries of a listing, page after page.
#[pyclass(module = "drivekit")]
pub(crate) struct Items {
    walk: Box<dyn Walk>,
}

/// The pages of a listing for `async for`.
#[pyclass(module = "drivekit", frozen)]
pub(crate) struct AsyncPages {
    walk: Arc<tokio::sync::Mutex<Box<dyn Walk>>>,
}

/// The entries of a listing for `async for`.
#[pyclass(module = "drivekit", frozen)]
pub(crate) struct AsyncItems {
    walk: Arc<tokio::sync::Mutex<Box<dyn Walk>>>,
}

impl Pages {
    pub(crate) fn new(walk: Box<dyn Walk>) -> Self {
        Pages { walk }
    }
}

impl Items {
    pub(crate) fn new(walk: Box<dyn Walk>) -> Self {
        Items { walk }
    }
}

impl AsyncPages {
    pub(crate) fn new(walk: Box<dyn Walk>) -> Self {
        AsyncPages { walk: Arc::new(tokio::sync::Mutex::new(walk)) }
    }
}

impl AsyncItems {
    pub(crate) fn new(walk: Box<dyn Walk>) -> Self {
        AsyncItems { walk: Arc::new(tokio::sync::Mutex::new(walk)) }
    }
}

#[pymethods]
impl Pages {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if !block_on(py, self.walk.fetch())? {
            return Ok(None);
        }
        self.walk.take_page(py)
    }

    /// Where the listing resumes after the pages handed out so far: pass it back as the cursor (or marker, or
    /// page cursor). For a finished delta feed it is where the next sync starts.
    #[getter]
    fn position(&self) -> Option<String> {
        self.walk.position()
    }

    /// Whether the listing is over.
    #[getter]
    fn done(&self) -> bool {
        self.walk.is_done()
    }

    /// `Pages[DeltaPage]` and the like in annotations: the class itself at run time.
    #[classmethod]
    #[pyo3(signature = (item, /))]
    fn __class_getitem__(cls: &Bound<'_, PyType>, item: &Bound<'_, PyAny>) -> Py<PyType> {
        let _ = item;
        cls.clone().unbind()
    }
}

#[pymethods]
impl Items {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            if let Some(item) = self.walk.take_item(py)? {
                return Ok(Some(item));
            }
            // Pages may be empty before the last one: only the core's paginator says when the listing ends.
            if !block_on(py, self.walk.fetch())? {
                return Ok(None);
            }
        }
    }

    /// Where the listing resumes with no entry missed (see `Pages.position`): after the page of the last entry
    /// handed out once all of that page is, before it while some of it is still to come.
    #[getter]
    fn position(&self) -> Option<String> {
        self.walk.position()
    }

    /// Whether every page has been fetched.
    #[getter]
    fn done(&self) -> bool {
        self.walk.is_done()
    }

    /// `Items[DeltaItem]` and the like in annotations: the class itself at run time.
    #[classmethod]
    #[pyo3(signature = (item, /))]
    fn __class_getitem__(cls: &Bound<'_, PyType>, item: &Bound<'_, PyAny>) -> Py<PyType> {
        let _ = item;
        cls.clone().unbind()
    }
}

#[pymethods]
impl AsyncPages {
    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let walk = Arc::clone(&self.walk);
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let mut walk = walk.lock().await;
            let fetched = walk.fetch().await;
            Python::attach(|py| match fetched {
                Ok(true) => walk.take_page(py),
                Ok(false) => Err(PyStopAsyncIteration::new_err(())),
                Err(err) => Err(to_py_err(py, err)),
            })
        })
    }

    /// Where the listing resumes after the pages handed out so far (see `Pages.position`).
    #[getter]
    fn position(&self) -> Option<String> {
        self.walk.try_lock().ok().and_then(|walk| walk.position())
    }

    /// Whether the listing is over.
    #[getter]
    fn done(&self) -> bool {
        self.walk.try_lock().is_ok_and(|walk| walk.is_done())
    }

    /// `AsyncPages[DeltaPage]` and the like in annotations: the class itself at run time.
    #[classmethod]
    #[pyo3(signature = (item, /))]
    fn __class_getitem__(cls: &Bound<'_, PyType>, item: &Bound<'_, PyAny>) -> Py<PyType> {
        let _ = item;
        cls.clone().unbind()
    }
}

#[pymethods]
impl AsyncItems {
    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let walk = Arc::clone(&self.walk);
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let mut walk = walk.lock().await;
            loop {
                if let Some(item) = Python::attach(|py| walk.take_item(py))? {
                    return Ok(item);
                }
                // Pages may be empty before the last one: only the core's paginator says when the listing ends.
                match walk.fetch().await {
                    Ok(true) => {}
                    Ok(false) => return Err(PyStopAsyncIteration::new_err(())),
                    Err(err) => return Err(Python::attach(|py| to_py_err(py, err))),
                }
            }
        })
    }

    /// Where the listing resumes with no entry missed (see `Pages.position`): after the page of the last entry
    /// handed out once all of that page is, before it while some of it is still to come.
    #[getter]
    fn position(&self) -> Option<String> {
        self.walk.try_lock().ok().and_then(|walk| walk.position())
    }

    /// Whether every page has been fetched.
    #[getter]
    fn done(&self) -> bool {
        self.walk.try_lock().is_ok_and(|walk| walk.is_done())
    }

    /// `AsyncItems[DeltaItem]` and the like in annotations: the class itself at run time.
    #[classmethod]
    #[pyo3(signature = (item, /))]
    fn __class_getitem__(cls: &Bound<'_, PyType>, item: &Bound<'_, PyAny>) -> Py<PyType> {
        let _ = item;
        cls.clone().unbind()
    }
}
