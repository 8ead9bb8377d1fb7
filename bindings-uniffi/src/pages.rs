//! Page iterators: the core's `Pages` decides which request comes next and when the listing is over; these
//! objects only fetch the next page and keep the position to save.

use std::sync::{Arc, Mutex, PoisonError};

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
    pages: futures_util::lock::Mutex<Pages<R>>,
    position: Mutex<Option<String>>,
}

impl<Client, R> Walk<Client, R>
where
    R: Paginated + Operation<Client>,
    R::Exchange: Exchange<Output = R::Page>,
{
    fn new(connection: &Arc<Connection<Client>>, request: R) -> Self {
        let position = Mutex::new(request.position().map(str::to_owned));
        Walk {
            connection: Arc::clone(connection),
            pages: futures_util::lock::Mutex::new(Pages::new(request)),
            position,
        }
    }

    async fn next(&self) -> Result<Option<R::Page>, DriveError> {
        let mut pages = self.pages.lock().await;
        let Some(request) = pages.next_request().cloned() else { return Ok(None) };
        // A failed fetch leaves the position where it was: calling `next()` again retries the same page.
        let page = self.connection.run(request).await?;
        let advanced = pages.advance(&page);
        *self.position.lock().unwrap_or_else(PoisonError::into_inner) = pages.position().map(str::to_owned);
        advanced?;
        Ok(Some(page))
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
            /// The next page, or nothing once the listing is over.
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
