//! Page iterators: the core's `Pages` decides which request comes next and when the listing is over; these
//! objects only fetch the next page and keep the position to save.
//!
//! Pages come one after another, each needing the last one's position, but not one at a time: as soon as a
//! page's body names the next position, the next page is sent for, so that its fetch overlaps this page's
//! decoding and whatever the app does with it. There is no Rust executor here: the app's coroutine or task polls
//! `next()`, and the early send, once started, runs on the app's own HTTP stack until the next `next()` collects
//! it.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use drivekit_core::call::Exchange;
use drivekit_core::koodrive::{self, AlbumFilesPage, ListAlbumFilesRequest};
use drivekit_core::paginate::{Pages, Paginated};
use drivekit_core::pds::{self, DeltaPage, ListDeltaRequest, ListRecyclebinRequest, RecyclebinPage};

use crate::driver::{Connection, Operation};
use crate::error::DriveError;

/// One listing in progress.
struct Walk<Client, R: Paginated> {
    connection: Arc<Connection<Client>>,
    // Held across the fetch, so that two `next()` calls at once fetch two pages, not the same page twice.
    listing: futures_util::lock::Mutex<Listing<R>>,
    position: Mutex<Option<String>>,
}

/// The core's paginator, and the next page when it was sent for before the last one was decoded.
struct Listing<R: Paginated> {
    pages: Pages<R>,
    ahead: Option<Fetch<R>>,
}

type PageFuture<Page> = Pin<Box<dyn Future<Output = Result<Page, DriveError>> + Send>>;

/// A page on its way: the request it answers, its fetch and decoding, and the position of the page after it,
/// known as soon as its body is in and before its decoding starts. Dropping it cancels the send.
struct Fetch<R: Paginated> {
    request: R,
    page: PageFuture<R::Page>,
    peeked: Arc<Mutex<Option<String>>>,
}

impl<R: Paginated> Fetch<R>
where
    R::Page: Send + 'static,
{
    /// The position the body named, once; nothing when it did not name one plainly (or not yet).
    fn take_peeked(&self) -> Option<String> {
        self.peeked.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Moves the fetch on without waiting for it; what it ends with is kept for whoever polls it next.
    fn advance_meanwhile(&mut self, context: &mut Context<'_>) {
        if let Poll::Ready(page) = self.page.as_mut().poll(context) {
            self.page = Box::pin(std::future::ready(page));
        }
    }
}

impl<Client, R> Walk<Client, R>
where
    Client: Send + Sync + 'static,
    R: Paginated + Operation<Client> + Send + 'static,
    R::Exchange: Exchange<Output = R::Page> + Send,
    R::Page: Send + 'static,
{
    fn new(connection: &Arc<Connection<Client>>, request: R) -> Self {
        let position = Mutex::new(request.position().map(str::to_owned));
        let listing = Listing { pages: Pages::new(request), ahead: None };
        Walk { connection: Arc::clone(connection), listing: futures_util::lock::Mutex::new(listing), position }
    }

    async fn next(&self) -> Result<Option<R::Page>, DriveError> {
        let mut listing = self.listing.lock().await;
        let listing = &mut *listing;
        let mut current = match listing.ahead.take() {
            Some(ahead) => ahead,
            None => {
                let Some(request) = listing.pages.next_request() else { return Ok(None) };
                self.fetch(request.clone())?
            }
        };
        let mut early: Option<Fetch<R>> = None;
        let fetched = std::future::poll_fn(|context| {
            let polled = current.page.as_mut().poll(context);
            // The pages' position stands at `current` until it is decoded: the early request is made now. A request
            // that cannot be made is left for the next `next()` to report, in its turn.
            let mut started = false;
            if early.is_none()
                && let Some(position) = current.take_peeked()
            {
                early = listing.pages.early_request(&position).and_then(|request| self.fetch(request).ok());
                started = early.is_some();
            }
            // Its first poll starts the send on the app's HTTP stack. Later ones move it on (a token to fetch, a
            // retry's wait) while `current` is awaited, but never hold up a page that is ready.
            if let Some(early) = &mut early
                && (started || polled.is_pending())
            {
                early.advance_meanwhile(context);
            }
            polled
        })
        .await;
        // A failed fetch leaves the position where it was, and drops (cancels) the early send: calling `next()`
        // again retries the same page.
        let page = fetched?;
        let advanced = listing.pages.advance(&page);
        *self.position.lock().unwrap_or_else(PoisonError::into_inner) = listing.pages.position().map(str::to_owned);
        advanced?;
        // The decoded page has the last word on where the listing goes.
        listing.ahead = early.filter(|early| listing.pages.is_next(&early.request));
        Ok(Some(page))
    }

    /// The fetch of the page `request` asks for, not started yet; its input is validated now.
    fn fetch(&self, request: R) -> Result<Fetch<R>, DriveError> {
        let call = request.clone().call(&self.connection.core)?;
        let connection = Arc::clone(&self.connection);
        let peeked = Arc::new(Mutex::new(None));
        let tell = Arc::clone(&peeked);
        let page: PageFuture<R::Page> = Box::pin(async move {
            let peek = |body: &[u8]| {
                let Some(position) = R::peek_next(body) else { return false };
                *tell.lock().unwrap_or_else(PoisonError::into_inner) = Some(position);
                true
            };
            connection.driver.run_peeking(call, peek).await
        });
        Ok(Fetch { request, page, peeked })
    }

    fn position(&self) -> Option<String> {
        self.position.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

macro_rules! page_iterator {
    ($(#[$doc:meta])* $name:ident: $client:ty, $request:ty => $page:ty) => {
        $(#[$doc])*
        #[derive(uniffi::Object)]
        pub struct $name {
            walk: Walk<$client, $request>,
        }

        impl $name {
            pub(crate) fn new(connection: &Arc<Connection<$client>>, request: $request) -> Arc<Self> {
                Arc::new($name { walk: Walk::new(connection, request) })
            }
        }

        #[uniffi::export]
        impl $name {
            /// The next page, or nothing once the listing is over. The page after it may already be on its
            /// way; closing (in Swift, releasing) this object cancels it.
            pub async fn next(&self) -> Result<Option<$page>, DriveError> {
                self.walk.next().await
            }

            /// The position to save after the pages fetched so far; passed back as the cursor (or marker, or
            /// page cursor), it resumes the listing there.
            pub fn position(&self) -> Option<String> {
                self.walk.position()
            }
        }
    };
}

page_iterator! {
    /// ListDelta page by page; at the end, `position()` is the cursor that shows what changes next.
    DeltaPages: pds::PdsClient, ListDeltaRequest => DeltaPage
}

page_iterator! {
    /// ListRecyclebin page by page.
    RecyclebinPages: pds::PdsClient, ListRecyclebinRequest => RecyclebinPage
}

page_iterator! {
    /// An album's files page by page.
    AlbumFilesPages: koodrive::KooDriveClient, ListAlbumFilesRequest => AlbumFilesPage
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use drivekit_core::pds::{Credentials, Endpoint};

    use super::*;
    use crate::driver::Driver;
    use crate::driver::tests::block_on;
    use crate::transport::{HttpTransport, TransportError, TransportRequest, TransportResponse};

    /// Answers each send with the next scripted body (or never, for `None`), and records what it was sent.
    struct PagedTransport {
        bodies: Mutex<VecDeque<Option<String>>>,
        sent: Mutex<Vec<String>>,
        abandoned: Arc<AtomicBool>,
    }

    /// Notes that a send was dropped before it ended.
    struct Abandoned(Arc<AtomicBool>);

    impl Drop for Abandoned {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[async_trait::async_trait]
    impl HttpTransport for PagedTransport {
        async fn send(&self, request: TransportRequest) -> Result<TransportResponse, TransportError> {
            self.sent.lock().unwrap().push(String::from_utf8(request.body.0).unwrap());
            let Some(body) = self.bodies.lock().unwrap().pop_front().flatten() else {
                let _abandoned = Abandoned(Arc::clone(&self.abandoned));
                return std::future::pending().await;
            };
            Ok(TransportResponse { status: 200, headers: Vec::new(), body: body.into_bytes().into() })
        }

        async fn sleep(&self, _: Duration) {}
    }

    /// A ListDelta page with no items that leads to `cursor`.
    fn page(cursor: &str, has_more: bool) -> Option<String> {
        Some(format!(r#"{{"items":[],"has_more":{has_more},"cursor":"{cursor}"}}"#))
    }

    fn walk(bodies: Vec<Option<String>>) -> (DeltaPages, Arc<PagedTransport>) {
        let transport = Arc::new(PagedTransport {
            bodies: Mutex::new(bodies.into()),
            sent: Mutex::default(),
            abandoned: Arc::default(),
        });
        let core = pds::PdsClient::new(
            Endpoint::base_url("http://127.0.0.1:9").unwrap(),
            Credentials::access_token("the-token").unwrap(),
        );
        let driver = Arc::new(Driver { transport: transport.clone(), token_provider: None });
        let connection = Arc::new(Connection { core, driver });
        let walk = Walk::new(&connection, ListDeltaRequest::new("1"));
        (DeltaPages { walk }, transport)
    }

    /// The cursor each request sent so far asked for (`-` for none).
    fn cursors(transport: &PagedTransport) -> Vec<String> {
        let sent = transport.sent.lock().unwrap();
        let cursor = |body: &str| Some(body.split_once(r#""cursor":""#)?.1.split_once('"')?.0.to_owned());
        sent.iter().map(|body| cursor(body).unwrap_or_else(|| "-".to_owned())).collect()
    }

    #[test]
    fn the_next_page_is_sent_for_before_a_page_is_handed_out_and_never_twice() {
        let (pages, transport) = walk(vec![page("c1", true), page("c2", true), page("c3", false)]);
        assert!(block_on(pages.next()).unwrap().is_some());
        assert_eq!(cursors(&transport), ["-", "c1"], "page 2 is on its way once page 1 is out");
        assert_eq!(pages.position().as_deref(), Some("c1"), "the position counts only pages handed out");
        assert!(block_on(pages.next()).unwrap().is_some());
        assert!(block_on(pages.next()).unwrap().is_some());
        assert!(block_on(pages.next()).unwrap().is_none());
        assert_eq!(cursors(&transport), ["-", "c1", "c2"]);
        assert_eq!(pages.position().as_deref(), Some("c3"));
    }

    #[test]
    fn a_page_that_fails_to_decode_drops_the_early_send_and_is_fetched_again() {
        let broken = Some(r#"{"items":{"op":7},"has_more":true,"cursor":"c1"}"#.to_owned());
        let (pages, transport) = walk(vec![broken, None, page("c1", false)]);
        assert!(matches!(block_on(pages.next()), Err(DriveError::Decode { .. })));
        assert!(transport.abandoned.load(Ordering::SeqCst), "the early send for c1 is cancelled");
        assert_eq!(pages.position(), None);
        assert!(block_on(pages.next()).unwrap().is_some());
        assert_eq!(cursors(&transport), ["-", "c1", "-"]);
    }

    #[test]
    fn closing_the_pages_cancels_the_send_on_its_way() {
        let (pages, transport) = walk(vec![page("c1", true), None]);
        assert!(block_on(pages.next()).unwrap().is_some());
        assert!(!transport.abandoned.load(Ordering::SeqCst));
        drop(pages);
        assert!(transport.abandoned.load(Ordering::SeqCst));
    }

    #[test]
    fn a_repeated_cursor_ends_the_walk_with_an_error_and_sends_nothing_more() {
        let (pages, transport) = walk(vec![page("c1", true), page("c2", true), page("c1", true)]);
        assert!(block_on(pages.next()).unwrap().is_some());
        assert!(block_on(pages.next()).unwrap().is_some());
        let repeated = block_on(pages.next());
        assert!(matches!(repeated, Err(DriveError::RepeatedCursor { ref position }) if position == "c1"));
        assert!(block_on(pages.next()).unwrap().is_none());
        assert_eq!(cursors(&transport), ["-", "c1", "c2"]);
    }
}
