//! The walk of a listing: which page to fetch, the page to send for early, the entries of each page, and the
//! item-exact position to save. Plain state: a driver fetches what it says and tells it what came.

use std::collections::VecDeque;

use super::position::{self, Position};
use super::{Pages, Paginated};
use crate::error::Error;

/// A paginated operation whose pages hold entries; implemented once per listing.
pub trait Listing: Paginated {
    /// One entry of a page.
    type Item;

    /// The wire name of the member holding a page's entries.
    const ITEMS: &'static str;

    /// The page's entries, taken out of it.
    fn take_items(page: &mut Self::Page) -> Vec<Self::Item>;

    /// Puts entries back into a page (those left after a resumed walk passed over the ones it had handed out).
    fn put_items(page: &mut Self::Page, items: Vec<Self::Item>);

    /// What the listing lists, apart from where it stands: its name and the inputs that choose the entries and
    /// their order (drive, sync root, album, sort), never the page size. A position is only valid where the
    /// scope is the same.
    fn scope(&self) -> String;
}

/// A listing walked page by page or entry by entry. Ask [`Walk::next_request`], fetch it, hand the page to
/// [`Walk::arrived`] (or report a failure with [`Walk::failed`]), then take the page or its entries.
#[derive(Debug, Clone)]
pub struct Walk<R: Listing> {
    pages: Pages<R>,
    listing: String,
    /// Entries still to pass over: those a resumed position had handed out already.
    skip: u64,
    /// The position of the page whose entries are being handed out, and how many of them were.
    page_start: Option<String>,
    handed: u64,
    page: Option<R::Page>,
    unread: VecDeque<R::Item>,
    early: Option<R>,
    closed: bool,
}

impl<R: Listing> Walk<R> {
    /// A walk of `request`'s listing from `position` (a position a walk of the same listing gave, or a service
    /// cursor), or from the request's own position when none is given. Checks the position, not the request.
    pub fn new(request: R, position: Option<&str>) -> Result<Self, Error> {
        let listing = position::fingerprint(&request.scope());
        let start = match position {
            Some(_) if request.position().is_some() => {
                return Err(Error::invalid(
                    position::FIELD,
                    "give a position or the request's own cursor (or marker, or page cursor), not both",
                ));
            }
            Some(text) => Position::decode(text, &listing)?,
            None => Position { start: request.position().map(str::to_owned), handed: 0 },
        };
        let request = match &start.start {
            Some(cursor) => request.at_position(cursor.clone()),
            None => request,
        };
        Ok(Walk {
            pages: Pages::new(request),
            listing,
            skip: start.handed,
            page_start: start.start,
            handed: 0,
            page: None,
            unread: VecDeque::new(),
            early: None,
            closed: false,
        })
    }

    /// The request for the page to fetch now, or `None` when every page has been fetched.
    pub fn next_request(&self) -> Option<&R> {
        if self.closed { None } else { self.pages.next_request() }
    }

    /// The request for the page after the one on its way, when its body named it before being decoded (see
    /// [`Paginated::peek_next`]): send it at once, so that its fetch overlaps this page's decoding and the
    /// caller's work. At most one page is ahead; `None` when one already is, or the listing has been there.
    pub fn early_request(&mut self, peeked: &str) -> Option<R> {
        if self.closed || self.early.is_some() {
            return None;
        }
        self.early = self.pages.early_request(peeked);
        self.early.clone()
    }

    /// Takes in the page that answered [`Walk::next_request`]. Answers whether the early request still stands:
    /// when it does not (the page named another position, or ended the listing) the driver drops it.
    pub fn arrived(&mut self, mut page: R::Page) -> Result<bool, Error> {
        let start = self.pages.position().map(str::to_owned);
        if let Err(error) = self.pages.advance(&page) {
            self.early = None;
            return Err(error);
        }
        self.page_start = start;
        let mut items = R::take_items(&mut page);
        let passed = usize::try_from(self.skip).unwrap_or(usize::MAX).min(items.len());
        items.drain(..passed);
        self.skip -= passed as u64;
        self.handed = passed as u64;
        self.unread = items.into();
        self.page = Some(page);
        // Standing or not, the early request is no longer ahead: the driver fetches it as the next page now.
        Ok(self.early.take().is_some_and(|early| self.pages.is_next(&early)))
    }

    /// The fetch of the page failed: the early request is dropped, and the walk stays where it was, so that
    /// fetching again retries the same page.
    pub fn failed(&mut self) {
        self.early = None;
    }

    /// The page just arrived, with the entries it still had to hand out; all of them count as handed out.
    pub fn take_page(&mut self) -> Option<R::Page> {
        if self.closed {
            return None;
        }
        let mut page = self.page.take()?;
        let items: Vec<R::Item> = self.unread.drain(..).collect();
        self.handed += items.len() as u64;
        R::put_items(&mut page, items);
        Some(page)
    }

    /// The next entry of the page just arrived, if it has one left.
    pub fn next_item(&mut self) -> Option<R::Item> {
        self.page = None;
        if self.closed {
            return None;
        }
        let item = self.unread.pop_front()?;
        self.handed += 1;
        Some(item)
    }

    /// Whether everything has been handed out (or the walk was closed).
    pub fn is_done(&self) -> bool {
        self.closed || (self.pages.is_done() && self.unread.is_empty() && self.page.is_none())
    }

    /// Ends the walk: nothing more is fetched, and the early request is dropped.
    pub fn close(&mut self) {
        self.closed = true;
        self.early = None;
    }

    /// Where to resume so that nothing handed out so far comes again and nothing else is missed: save it, and
    /// pass it back to [`Walk::new`] (in any process, any language).
    pub fn position(&self) -> String {
        self.current().encode(&self.listing)
    }

    /// The service's own cursor (or marker, or page cursor) of the next page, or for a finished delta feed the
    /// cursor of the changes to come; it ignores entries handed out from a page, so it is for callers who walk
    /// page by page.
    pub fn cursor(&self) -> Option<&str> {
        self.pages.position()
    }

    fn current(&self) -> Position {
        let mid_page = !self.unread.is_empty() || self.page.is_some();
        if mid_page {
            return Position { start: self.page_start.clone(), handed: self.handed };
        }
        match self.pages.position() {
            // The page to fetch next (the first one included), less what a resumed walk still passes over; or the
            // cursor a finished delta feed resumes from.
            Some(next) => Position { start: Some(next.to_owned()), handed: self.skip },
            None if !self.pages.is_done() => Position { start: None, handed: self.skip },
            // A listing that ended without a cursor to resume from (the recycle bin, an album) keeps its last
            // page, so that resuming lists only what comes after it.
            None => Position { start: self.page_start.clone(), handed: self.handed + self.skip },
        }
    }
}
