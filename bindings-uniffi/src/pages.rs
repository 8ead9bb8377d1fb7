//! Page iterators: the core's walk of a listing (`Walker`) decides which page comes next, sends for the one after
//! as soon as a page's body names it, and keeps the item-exact position; these objects lend it to the app's
//! coroutines and tasks, one call at a time. There is no Rust executor here: the app polls `next()` or
//! `nextItem()`, and the page sent for early runs on the app's own HTTP stack until a later call collects it.
//! Entries of a page already in also come through `nextItemAtHand()`, a plain call: an async one costs tens of
//! microseconds across the FFI, more than the entry itself.

use std::ops::DerefMut;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use drivekit_core::call::{Exchange, Operation};
use drivekit_core::driver::Walker;
use drivekit_core::koodrive::{self, AlbumContent, AlbumFilesPage, ListAlbumFilesRequest};
use drivekit_core::paginate::Listing as CoreListing;
use drivekit_core::pds::{self, DeltaItem, DeltaPage, File, ListDeltaRequest, ListRecyclebinRequest, RecyclebinPage};
use futures_util::lock::{Mutex as AsyncMutex, OwnedMutexGuard};

use crate::connection::Connection;
use crate::error::DriveError;
use crate::platform::AppPlatform;

type AppWalker<C, R> = Walker<AppPlatform, C, R>;

/// One listing in progress.
struct Listing<C, R>
where
    R: CoreListing + Operation<C>,
    R::Exchange: Exchange<Output = R::Page>,
{
    // Held across a fetch, so that two calls at once fetch two pages, not the same page twice.
    walker: Arc<AsyncMutex<AppWalker<C, R>>>,
    /// Where the walk stood after the last call, readable while another call is under way.
    place: Mutex<Place>,
    closed: AtomicBool,
}

struct Place {
    position: String,
    cursor: Option<String>,
}

impl<C, R> Listing<C, R>
where
    C: Clone + Send + Sync + 'static,
    R: CoreListing + Operation<C> + Clone + Send + Sync + 'static,
    R::Exchange: Exchange<Output = R::Page> + Send,
    R::Page: Send,
    R::Item: Send,
{
    /// The walk of `request` from `position`; the request and the position are checked now, before any request.
    fn new(connection: &Connection<C>, request: R, position: Option<String>) -> Result<Self, DriveError> {
        let platform = connection.platform.clone();
        let walker = Walker::new(platform, connection.core.clone(), request, position.as_deref())?;
        let place = Mutex::new(Place::of(&walker));
        let walker = Arc::new(AsyncMutex::new(walker));
        Ok(Listing { walker, place, closed: AtomicBool::new(false) })
    }

    async fn next_page(&self) -> Result<Option<R::Page>, DriveError> {
        let mut walker = self.walker().await;
        let page = walker.next_page().await;
        self.settle(walker);
        Ok(page?)
    }

    async fn next_item(&self) -> Result<Option<R::Item>, DriveError> {
        let mut walker = self.walker().await;
        let item = walker.next_item().await;
        self.settle(walker);
        Ok(item?)
    }

    /// The next entry when the page already in still has one, at the cost of a plain call; otherwise nothing,
    /// and `next_item` fetches it (or tells the end, or the error).
    fn next_item_at_hand(&self) -> Option<R::Item> {
        let mut walker = self.walker.try_lock()?;
        let item = walker.next_item_at_hand();
        self.settle(walker);
        item
    }

    fn position(&self) -> String {
        self.place().position.clone()
    }

    fn cursor(&self) -> Option<String> {
        self.place().cursor.clone()
    }

    /// Ends the walk and cancels the page fetched ahead; a call under way ends it as it returns.
    fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        if let Some(mut walker) = self.walker.try_lock() {
            walker.close();
            *self.place() = Place::of(&walker);
        }
    }

    async fn walker(&self) -> OwnedMutexGuard<AppWalker<C, R>> {
        let mut walker = Arc::clone(&self.walker).lock_owned().await;
        // A close that came while a cancelled call held the walker.
        if self.closed.load(Ordering::SeqCst) {
            walker.close();
        }
        walker
    }

    /// Notes where the walk stands, and lets the walker go.
    fn settle(&self, mut walker: impl DerefMut<Target = AppWalker<C, R>>) {
        if self.closed.load(Ordering::SeqCst) {
            walker.close();
        }
        *self.place() = Place::of(&walker);
        drop(walker);
        // A close that came after the look above found the walker taken: it is free now.
        if self.closed.load(Ordering::SeqCst) {
            self.close();
        }
    }

    fn place(&self) -> std::sync::MutexGuard<'_, Place> {
        self.place.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Place {
    fn of<C, R>(walker: &AppWalker<C, R>) -> Place
    where
        R: CoreListing + Operation<C> + Clone,
        R::Exchange: Exchange<Output = R::Page>,
    {
        Place { position: walker.position(), cursor: walker.cursor().map(str::to_owned) }
    }
}

macro_rules! page_iterator {
    ($(#[$doc:meta])* $name:ident: $client:ty, $request:ty => $page:ty, $item:ty) => {
        $(#[$doc])*
        #[derive(uniffi::Object)]
        pub struct $name {
            listing: Listing<$client, $request>,
        }

        impl $name {
            pub(crate) fn new(
                connection: &Connection<$client>,
                request: $request,
                position: Option<String>,
            ) -> Result<Arc<Self>, DriveError> {
                Ok(Arc::new($name { listing: Listing::new(connection, request, position)? }))
            }
        }

        #[uniffi::export]
        impl $name {
            /// The next page (less the entries a resumed position had handed out), or nothing once the listing
            /// is over. The page after it may already be on its way; `close()` cancels it.
            pub async fn next(&self) -> Result<Option<$page>, DriveError> {
                self.listing.next_page().await
            }

            /// The next entry, or nothing once the listing is over; pages are fetched as needed.
            pub async fn next_item(&self) -> Result<Option<$item>, DriveError> {
                self.listing.next_item().await
            }

            /// The next entry if the page already in still has one, without waiting (a plain call, much
            /// cheaper than `nextItem()` across the FFI); nothing otherwise, and then `nextItem()` gives it, or
            /// tells that the listing is over.
            pub fn next_item_at_hand(&self) -> Option<$item> {
                self.listing.next_item_at_hand()
            }

            /// Where to resume with nothing handed out so far repeated and nothing else missed, after any page
            /// or entry: save it, and pass it back as `position` when listing again (in any process or
            /// language).
            pub fn position(&self) -> String {
                self.listing.position()
            }

            /// The service's own cursor (or marker, or page cursor) of the next page; it ignores entries handed
            /// out from a page, so it is for walking page by page.
            pub fn cursor(&self) -> Option<String> {
                self.listing.cursor()
            }

            /// Ends the listing and cancels the page fetched ahead; `position()` stays readable.
            pub fn close(&self) {
                self.listing.close()
            }
        }
    };
}

page_iterator! {
    /// ListDelta page by page or change by change; at the end, `position()` is where the changes to come start.
    DeltaPages: pds::PdsClient, ListDeltaRequest => DeltaPage, DeltaItem
}

page_iterator! {
    /// ListRecyclebin page by page or file by file.
    RecyclebinPages: pds::PdsClient, ListRecyclebinRequest => RecyclebinPage, File
}

page_iterator! {
    /// An album's files page by page or file by file.
    AlbumFilesPages: koodrive::KooDriveClient, ListAlbumFilesRequest => AlbumFilesPage, AlbumContent
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::time::Duration;

    use drivekit_core::pds::{Credentials, Endpoint};

    use super::*;
    use crate::connection::tests::block_on;
    use crate::transport::{HttpTransport, TransportError, TransportRequest, TransportResponse};

    /// Answers each send with the next scripted body (or never, for `None`), and records what it was sent.
    #[derive(Default)]
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

    /// A ListDelta page of one change that leads to `cursor`.
    fn page(cursor: &str, has_more: bool) -> Option<String> {
        page_of(&[&format!("before-{cursor}")], cursor, has_more)
    }

    /// A ListDelta page of these files' creations that leads to `cursor`.
    fn page_of(file_ids: &[&str], cursor: &str, has_more: bool) -> Option<String> {
        let items: Vec<String> = file_ids.iter().map(|id| format!(r#"{{"op":"create","file_id":"{id}"}}"#)).collect();
        Some(format!(r#"{{"items":[{}],"has_more":{has_more},"cursor":"{cursor}"}}"#, items.join(",")))
    }

    fn connection(bodies: Vec<Option<String>>) -> (Connection<pds::PdsClient>, Arc<PagedTransport>) {
        let transport = Arc::new(PagedTransport { bodies: Mutex::new(bodies.into()), ..PagedTransport::default() });
        let core = pds::PdsClient::new(
            Endpoint::base_url("http://127.0.0.1:9").unwrap(),
            Credentials::access_token("the-token").unwrap(),
        );
        (Connection { core, platform: AppPlatform::new(transport.clone(), None) }, transport)
    }

    fn walk(bodies: Vec<Option<String>>) -> (Arc<DeltaPages>, Arc<PagedTransport>) {
        let (connection, transport) = connection(bodies);
        (DeltaPages::new(&connection, ListDeltaRequest::new("1"), None).unwrap(), transport)
    }

    #[test]
    fn closing_the_pages_cancels_the_send_on_its_way_and_keeps_the_position() {
        let (pages, transport) = walk(vec![page("c1", true), None]);
        assert!(block_on(pages.next_item()).unwrap().is_some());
        assert_eq!(transport.sent.lock().unwrap().len(), 2, "the page after is on its way");
        assert!(!transport.abandoned.load(Ordering::SeqCst));
        let position = pages.position();
        pages.close();
        assert!(transport.abandoned.load(Ordering::SeqCst), "closing cancels it on the platform");
        assert_eq!(pages.position(), position);
        assert_eq!(pages.cursor().as_deref(), Some("c1"));
        assert!(block_on(pages.next()).unwrap().is_none(), "a closed listing stays ended");
    }

    #[test]
    fn releasing_the_pages_cancels_the_send_on_its_way() {
        let (pages, transport) = walk(vec![page("c1", true), None]);
        assert!(block_on(pages.next()).unwrap().is_some());
        assert!(!transport.abandoned.load(Ordering::SeqCst));
        drop(pages);
        assert!(transport.abandoned.load(Ordering::SeqCst));
    }

    #[test]
    fn a_page_that_fails_to_decode_cancels_the_early_send_and_is_fetched_again() {
        let broken = Some(r#"{"items":{"op":7},"has_more":true,"cursor":"c1"}"#.to_owned());
        let (pages, transport) = walk(vec![broken, None, page("c1", false)]);
        let start = pages.position();
        assert!(matches!(block_on(pages.next()), Err(DriveError::Decode { .. })));
        assert!(transport.abandoned.load(Ordering::SeqCst), "the early send for c1 is cancelled");
        assert_eq!(pages.position(), start);
        assert!(block_on(pages.next()).unwrap().is_some());
        assert_eq!(transport.sent.lock().unwrap().len(), 3);
    }

    #[test]
    fn entries_at_hand_come_in_order_with_each_page_fetched_once_and_positions_exact() {
        let bodies = vec![page_of(&["a", "b", "c"], "c1", true), page_of(&["d", "e"], "c2", false)];
        let (walked, transport) = connection(bodies.clone());
        let pages = DeltaPages::new(&walked, ListDeltaRequest::new("1"), None).unwrap();
        let (mut seen, mut at_hand, mut positions) = (Vec::new(), 0, Vec::new());
        loop {
            let item = match pages.next_item_at_hand() {
                Some(item) => {
                    at_hand += 1;
                    item
                }
                None => match block_on(pages.next_item()).unwrap() {
                    Some(item) => item,
                    None => break,
                },
            };
            seen.push(item.file_id.unwrap());
            positions.push(pages.position());
        }
        assert_eq!(seen, ["a", "b", "c", "d", "e"]);
        assert!(at_hand >= 3, "the rest of each page comes at hand: {at_hand}");
        assert_eq!(transport.sent.lock().unwrap().len(), 2, "each page is fetched once");

        // Each position resumes right after its entry, in a walk of its own: from the first page (passing over
        // what it handed out), from the second, or from the end of the feed.
        let ended = page_of(&[], "c2", false);
        for (handed, position) in positions.iter().enumerate() {
            let answers =
                [bodies.clone(), bodies.clone(), bodies[1..].to_vec(), bodies[1..].to_vec(), vec![ended.clone()]];
            let (fresh, _) = connection(answers[handed].clone());
            let resumed = DeltaPages::new(&fresh, ListDeltaRequest::new("1"), Some(position.clone())).unwrap();
            let mut rest = Vec::new();
            while let Some(item) = block_on(resumed.next_item()).unwrap() {
                rest.push(item.file_id.unwrap());
            }
            assert_eq!(rest, seen[handed + 1..], "resumed after entry {}", handed + 1);
        }
    }

    #[test]
    fn nothing_is_fetched_for_an_entry_at_hand() {
        let (pages, transport) = walk(vec![page("c1", false)]);
        assert!(pages.next_item_at_hand().is_none(), "no page is in yet");
        assert!(transport.sent.lock().unwrap().is_empty(), "and none was sent for");
        assert!(block_on(pages.next_item()).unwrap().is_some());
        assert!(pages.next_item_at_hand().is_none(), "the page held one entry");
    }

    #[test]
    fn a_position_is_checked_when_the_listing_is_made_before_anything_is_sent() {
        // The first walk's two pages (the second sent for early), then the resumed walk's page after c1.
        let (connection, transport) = connection(vec![page("c1", true), page("c2", false), page("c2", false)]);
        let pages = DeltaPages::new(&connection, ListDeltaRequest::new("1"), None).unwrap();
        assert!(block_on(pages.next_item()).unwrap().is_some());
        let saved = pages.position();
        transport.sent.lock().unwrap().clear();

        let field = |request: ListDeltaRequest, position: Option<&str>| match DeltaPages::new(
            &connection,
            request,
            position.map(str::to_owned),
        ) {
            Err(DriveError::InvalidArgument { field, .. }) => field,
            other => panic!("{:?}", other.map(|_| ())),
        };
        assert_eq!(field(ListDeltaRequest::new("2"), Some(saved.as_str())), "position");
        assert_eq!(field(ListDeltaRequest::new("1"), Some("dk1.not-a-position")), "position");
        let both = ListDeltaRequest { cursor: Some("c1".into()), ..ListDeltaRequest::new("1") };
        assert_eq!(field(both, Some(saved.as_str())), "position");
        assert_eq!(field(ListDeltaRequest { limit: Some(101), ..ListDeltaRequest::new("1") }, None), "limit");
        assert!(transport.sent.lock().unwrap().is_empty());

        let resumed = DeltaPages::new(&connection, ListDeltaRequest::new("1"), Some(saved)).unwrap();
        let next = block_on(resumed.next_item()).unwrap().unwrap();
        assert_eq!(next.file_id.as_deref(), Some("before-c2"), "the walk resumes after the entry handed out");
    }
}
