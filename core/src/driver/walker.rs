//! A listing walked on a platform: the core's [`Walk`] says what to fetch, this fetches it, with the next page
//! sent for as soon as a page's body names it.

use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{Platform, Run};
use crate::call::{Exchange, Operation};
use crate::error::Error;
use crate::paginate::{Listing, Walk};

/// A listing walked page by page ([`Walker::next_page`]) or entry by entry ([`Walker::next_item`]), with the
/// position to save after anything handed out. At most one page is fetched ahead; dropping the walker (or
/// [`Walker::close`]) cancels it.
pub struct Walker<P, C, R>
where
    P: Platform,
    R: Listing + Operation<C>,
    R::Exchange: Exchange<Output = R::Page>,
{
    platform: P,
    client: C,
    walk: Walk<R>,
    ahead: Option<Fetch<P, R::Exchange>>,
}

/// A page's fetch, and its result once it ended while nobody was waiting for it.
struct Fetch<P: Platform, E: Exchange> {
    run: Run<P, E>,
    ended: Option<Result<E::Output, Error>>,
}

impl<P: Platform, E: Exchange> Fetch<P, E> {
    fn poll_page(&mut self, context: &mut Context<'_>) -> Poll<Result<E::Output, Error>> {
        match self.ended.take() {
            Some(ended) => Poll::Ready(ended),
            None => Pin::new(&mut self.run).poll(context),
        }
    }

    /// Moves the fetch on (a token to ask for, a retry's wait) without waiting for it.
    fn advance_meanwhile(&mut self, context: &mut Context<'_>) {
        if self.ended.is_none()
            && let Poll::Ready(ended) = Pin::new(&mut self.run).poll(context)
        {
            self.ended = Some(ended);
        }
    }
}

impl<P, C, R> Walker<P, C, R>
where
    P: Platform,
    R: Listing + Operation<C> + Clone,
    R::Exchange: Exchange<Output = R::Page>,
{
    /// A walk of `request`'s listing on `client`, from `position` (one a walk of the same listing gave, or a
    /// service cursor) or else from the request's own cursor. The request and the position are checked now,
    /// before anything is sent.
    pub fn new(platform: P, client: C, request: R, position: Option<&str>) -> Result<Self, Error> {
        request.clone().call(&client)?;
        let walk = Walk::new(request, position)?;
        Ok(Walker { platform, client, walk, ahead: None })
    }

    /// The next page (less the entries a resumed position had handed out), or `None` once the listing is over.
    pub async fn next_page(&mut self) -> Result<Option<R::Page>, Error> {
        if !self.fetch_next().await? {
            return Ok(None);
        }
        Ok(self.walk.take_page())
    }

    /// The next entry, or `None` once the listing is over; pages are fetched as needed, empty ones passed over.
    pub async fn next_item(&mut self) -> Result<Option<R::Item>, Error> {
        loop {
            if let Some(item) = self.walk.next_item() {
                return Ok(Some(item));
            }
            if !self.fetch_next().await? {
                return Ok(None);
            }
        }
    }

    /// The next entry when the page at hand still has one, without waiting; `None` when a page must be fetched
    /// first (or the listing is over), which [`Walker::next_item`] then does. For bindings whose every async call
    /// costs more than an entry: most entries come this way.
    pub fn next_item_at_hand(&mut self) -> Option<R::Item> {
        self.walk.next_item()
    }

    /// Where to resume with nothing repeated and nothing missed; see [`Walk::position`].
    pub fn position(&self) -> String {
        self.walk.position()
    }

    /// The service's cursor of the next page; see [`Walk::cursor`].
    pub fn cursor(&self) -> Option<&str> {
        self.walk.cursor()
    }

    /// Whether everything has been handed out (or the walker was closed).
    pub fn is_done(&self) -> bool {
        self.walk.is_done()
    }

    /// Ends the walk and cancels the page fetched ahead.
    pub fn close(&mut self) {
        self.walk.close();
        self.ahead = None;
    }

    /// Fetches the page the walk asks for; `false` when there is none. While it comes, the page after it is
    /// sent for as soon as its body names it, so that the two overlap.
    async fn fetch_next(&mut self) -> Result<bool, Error> {
        let Some(request) = self.walk.next_request().cloned() else {
            return Ok(false);
        };
        let Walker { platform, client, walk, ahead } = self;
        let mut current = match ahead.take() {
            Some(ahead) => ahead,
            None => fetch(platform, client, request)?,
        };
        let mut early: Option<Fetch<P, R::Exchange>> = None;
        let fetched = poll_fn(|context| {
            let polled = current.poll_page(context);
            let mut started = false;
            if early.is_none()
                && let Some(position) = current.run.take_peeked()
            {
                // A request that cannot be made is left for its own turn to report.
                early = walk.early_request(&position).and_then(|request| fetch(platform, client, request).ok());
                started = early.is_some();
            }
            // Its first poll starts the send; later ones move it on while this page is awaited, but never hold
            // up a page that is ready.
            if let Some(early) = &mut early
                && (started || polled.is_pending())
            {
                early.advance_meanwhile(context);
            }
            polled
        })
        .await;
        let page = match fetched {
            Ok(page) => page,
            Err(error) => {
                walk.failed();
                return Err(error);
            }
        };
        if walk.arrived(page)? {
            *ahead = early;
        }
        Ok(true)
    }
}

fn fetch<P, C, R>(platform: &P, client: &C, request: R) -> Result<Fetch<P, R::Exchange>, Error>
where
    P: Platform,
    R: Listing + Operation<C>,
    R::Exchange: Exchange<Output = R::Page>,
{
    let call = request.call(client)?;
    Ok(Fetch { run: Run::new(platform.clone(), call, Some(R::peek_next)), ended: None })
}
