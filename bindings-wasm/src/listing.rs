//! Listings for `for await`: the core's walker fetches each page (and sends for the next one early), hands out
//! pages or entries as the engine read them, and keeps the position to save.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use drivekit_core::Error;
use drivekit_core::call::{Exchange, Operation};
use drivekit_core::driver::Walker;
use drivekit_core::paginate::Listing as Listed;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::answers::EngineRun;
use crate::errors::to_js;
use crate::input::Fields;
use crate::platform::{Boxed, Browser};

#[wasm_bindgen(typescript_custom_section)]
const LISTING_START: &str = r#"
/**
 * Where a listing starts: a `position` that a listing gave, to resume right after the last page or entry it
 * handed out, or a service cursor (GetLastCursor's, say). Give it or the input's own cursor, not both.
 */
export interface ListingStart {
  position?: string;
}
"#;

/// What a listing hands out at a time.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Page,
    Item,
}

/// A listing in progress, whatever its operation.
trait Walking {
    /// The next page or entry as plain objects, or `undefined` once the listing is over.
    fn hand_out(self: Rc<Self>, unit: Unit) -> Boxed<Result<JsValue, Error>>;
    /// The next entry when the page at hand has one: no future, no promise, as most entries come.
    fn item_at_hand(&self) -> Option<JsValue>;
    /// Where the walk stands after what it handed out.
    fn at(&self) -> At;
    /// Ends the walk, cancelling the page fetched ahead.
    fn close(&self);
}

/// Where a walk stands; kept when a fetch takes the walker away, so that it stays readable meanwhile.
#[derive(Debug, Clone)]
struct At {
    position: String,
    cursor: Option<String>,
}

impl At {
    fn of<C, R>(walker: &Walker<Browser, C, EngineRun<R>>) -> At
    where
        R: Listed,
        EngineRun<R>: Operation<C>,
        <EngineRun<R> as Operation<C>>::Exchange: Exchange<Output = JsValue>,
    {
        At { position: walker.position(), cursor: walker.cursor().map(str::to_owned) }
    }
}

/// The walk of one listing on the core's walker.
struct Walk<C, R>
where
    R: Listed,
    EngineRun<R>: Operation<C>,
    <EngineRun<R> as Operation<C>>::Exchange: Exchange<Output = JsValue>,
{
    /// The walker, taken out while it fetches: one page or entry at a time.
    walker: Cell<Option<Walker<Browser, C, EngineRun<R>>>>,
    at: RefCell<At>,
    /// Closed while fetching: closed once the fetch ends.
    closing: Cell<bool>,
}

impl<C, R> Walking for Walk<C, R>
where
    C: 'static,
    R: Listed + 'static,
    EngineRun<R>: Operation<C>,
    <EngineRun<R> as Operation<C>>::Exchange: Exchange<Output = JsValue>,
{
    fn hand_out(self: Rc<Self>, unit: Unit) -> Boxed<Result<JsValue, Error>> {
        Box::pin(async move {
            let mut walker = self.walker.take().ok_or_else(busy)?;
            // Nothing is handed out until the fetch ends: where the walk stands now is where it stands meanwhile.
            self.at.replace(At::of(&walker));
            let handed = match unit {
                Unit::Page => walker.next_page().await,
                Unit::Item => walker.next_item().await,
            };
            if self.closing.get() {
                walker.close();
            }
            self.walker.set(Some(walker));
            Ok(handed?.unwrap_or(JsValue::UNDEFINED))
        })
    }

    fn item_at_hand(&self) -> Option<JsValue> {
        let mut walker = self.walker.take()?;
        let item = walker.next_item_at_hand();
        self.walker.set(Some(walker));
        item
    }

    fn at(&self) -> At {
        match self.walker.take() {
            Some(walker) => {
                let at = At::of(&walker);
                self.walker.set(Some(walker));
                at
            }
            None => self.at.borrow().clone(),
        }
    }

    fn close(&self) {
        match self.walker.take() {
            Some(mut walker) => {
                walker.close();
                self.walker.set(Some(walker));
            }
            None => self.closing.set(true),
        }
    }
}

fn busy() -> Error {
    Error::InvalidArgument { field: "listing", rule: "must hand out one page or entry at a time".to_owned() }
}

/// A listing, walked page by page or entry by entry; the package wraps it in an async iterable.
#[wasm_bindgen]
pub struct Listing {
    walk: Rc<dyn Walking>,
}

impl Listing {
    /// The listing of the request that `read` makes of `input`, from the input's `position` if it has one. The
    /// request and the position are checked now: a refusal throws before anything is sent.
    pub(crate) fn start<C, R>(
        client: &C,
        platform: Browser,
        input: JsValue,
        read: impl FnOnce(&Fields) -> Result<R, Error>,
    ) -> Result<Listing, JsValue>
    where
        C: Clone + 'static,
        R: Listed + 'static,
        EngineRun<R>: Operation<C>,
        <EngineRun<R> as Operation<C>>::Exchange: Exchange<Output = JsValue>,
    {
        let start = || {
            let input = Fields::input(input)?;
            let request = EngineRun(read(&input)?);
            let position = input.string("position")?;
            Walker::new(platform, client.clone(), request, position.as_deref())
        };
        let walker = start().map_err(|error| to_js(&error))?;
        let at = RefCell::new(At::of(&walker));
        let walk = Walk { walker: Cell::new(Some(walker)), at, closing: Cell::new(false) };
        Ok(Listing { walk: Rc::new(walk) })
    }

    /// What the walk hands out: at once when it has it (an entry of the page at hand), else a promise of it.
    /// Most entries are at hand, and a promise for each would cost more than the entry itself.
    fn hand_out(&self, unit: Unit) -> Result<JsValue, JsValue> {
        let mut handed = Rc::clone(&self.walk).hand_out(unit);
        // A first poll either ends, or leaves each future it waits on to be polled again by the promise's task,
        // which then asks to be woken in place of this no-op.
        if let Poll::Ready(handed) = handed.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            return handed.map_err(|error| to_js(&error));
        }
        Ok(future_to_promise(async move { handed.await.map_err(|error| to_js(&error)) }).into())
    }
}

#[wasm_bindgen]
impl Listing {
    /// The next page (less the entries a resumed position had handed out), or `undefined` once it is over; a
    /// promise of it while it is fetched.
    #[wasm_bindgen(unchecked_return_type = "any")]
    pub fn next(&self) -> Result<JsValue, JsValue> {
        self.hand_out(Unit::Page)
    }

    /// The next entry, or `undefined` once the listing is over; a promise of it while its page is fetched.
    #[wasm_bindgen(js_name = nextItem, unchecked_return_type = "any")]
    pub fn next_item(&self) -> Result<JsValue, JsValue> {
        match self.walk.item_at_hand() {
            Some(item) => Ok(item),
            None => self.hand_out(Unit::Item),
        }
    }

    /// Where to resume with nothing repeated and nothing missed: start a listing from it with `position`.
    #[wasm_bindgen(getter)]
    pub fn position(&self) -> String {
        self.walk.at().position
    }

    /// The service's cursor (or marker, or page cursor) of the next page, for callers who walk page by page.
    #[wasm_bindgen(getter)]
    pub fn cursor(&self) -> Option<String> {
        self.walk.at().cursor
    }

    /// Ends the listing: nothing more is fetched, and the page fetched ahead is cancelled.
    pub fn close(&self) {
        self.walk.close();
    }
}
