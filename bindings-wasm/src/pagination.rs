//! Listings for `for await`: the core's `Pages` decides what comes next and when it ends; a listing only fetches
//! the next page and tells the position to save.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use drivekit_core::Error;
use drivekit_core::call::Exchange;
use drivekit_core::paginate::{Pages, Paginated};
use js_sys::Promise;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

use crate::driver::{Driver, Operation};
use crate::errors::to_js;
use crate::output::to_js_value;

type NextPage = Pin<Box<dyn Future<Output = Result<JsValue, Error>>>>;

/// A listing in progress, whatever its operation.
trait Walk {
    /// The next page as a plain object, or `undefined` when the core says the listing is over.
    fn next_page(self: Rc<Self>, signal: Option<AbortSignal>) -> NextPage;
    /// Where to resume after the pages fetched so far.
    fn position(&self) -> Option<String>;
}

/// The walk of one listing: the client, the driver and the core's paginator.
struct Walker<Client, R: Paginated> {
    client: Client,
    driver: Driver,
    pages: RefCell<Pages<R>>,
}

impl<Client, R> Walk for Walker<Client, R>
where
    Client: 'static,
    R: Paginated + Operation<Client> + 'static,
    R::Exchange: Exchange<Output = R::Page>,
    R::Page: Serialize,
{
    fn next_page(self: Rc<Self>, signal: Option<AbortSignal>) -> NextPage {
        Box::pin(async move {
            // Borrows never span an await, so they cannot collide; `try_` keeps that a rule rather than a panic.
            let request = self.pages.try_borrow().map_err(|_| busy())?.next_request().cloned();
            let Some(request) = request else {
                return Ok(JsValue::UNDEFINED);
            };
            let page = self.driver.run(request.call(&self.client)?, signal.as_ref()).await?;
            self.pages.try_borrow_mut().map_err(|_| busy())?.advance(&page)?;
            to_js_value(&page, "page")
        })
    }

    fn position(&self) -> Option<String> {
        self.pages.try_borrow().ok()?.position().map(str::to_owned)
    }
}

fn busy() -> Error {
    Error::InvalidArgument { field: "listing", rule: "must not fetch two pages at once".to_owned() }
}

/// A listing whose input was refused: its first page is the error, then it is over.
struct Refused(RefCell<Option<Error>>);

impl Walk for Refused {
    fn next_page(self: Rc<Self>, _signal: Option<AbortSignal>) -> NextPage {
        let error = self.0.try_borrow_mut().ok().and_then(|mut error| error.take());
        Box::pin(async move { error.map_or(Ok(JsValue::UNDEFINED), Err) })
    }

    fn position(&self) -> Option<String> {
        None
    }
}

/// A paginated listing; the package wraps it in an async iterable.
#[wasm_bindgen]
pub struct Listing {
    walk: Rc<dyn Walk>,
}

impl Listing {
    /// The listing of `request` from its own position; an input that could not be read fails the first page.
    pub(crate) fn new<Client, R>(client: Client, driver: Driver, request: Result<R, Error>) -> Listing
    where
        Client: 'static,
        R: Paginated + Operation<Client> + 'static,
        R::Exchange: Exchange<Output = R::Page>,
        R::Page: Serialize,
    {
        let walk: Rc<dyn Walk> = match request {
            Ok(request) => Rc::new(Walker { client, driver, pages: RefCell::new(Pages::new(request)) }),
            Err(error) => Rc::new(Refused(RefCell::new(Some(error)))),
        };
        Listing { walk }
    }
}

#[wasm_bindgen]
impl Listing {
    /// Fetches the next page: a plain object, or `undefined` once the listing is over.
    pub fn next(&self, signal: Option<AbortSignal>) -> Promise {
        let next = Rc::clone(&self.walk).next_page(signal);
        future_to_promise(async move { next.await.map_err(|error| to_js(&error)) })
    }

    /// The position to save (cursor, marker or page cursor): start a listing from it to resume.
    #[wasm_bindgen(getter)]
    pub fn position(&self) -> Option<String> {
        self.walk.position()
    }
}
