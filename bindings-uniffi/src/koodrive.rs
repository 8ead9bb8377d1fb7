//! `KooDriveClient`: KooDrive's album listing as async methods with named, defaulted parameters.

use std::sync::Arc;

use drivekit_core::koodrive::{self, AlbumFilesPage, Credentials, ListAlbumFilesRequest};

use crate::connection::{Connection, RateLimitOptions, RetryOptions, response_limit_refused};
use crate::error::DriveError;
use crate::pages::AlbumFilesPages;
use crate::platform::AppPlatform;
use crate::transport::{AccessTokenProvider, HttpTransport};

/// How a KooDrive client signs in: a bearer token (or the app's provider of one) for a user. Its text form
/// never shows the token.
#[derive(uniffi::Object)]
pub struct KooDriveCredentials {
    core: Credentials,
    token_provider: Option<Arc<dyn AccessTokenProvider>>,
}

#[uniffi::export]
impl KooDriveCredentials {
    /// One access token for every request, for the user `user_id` (`X-User-Id`), answers in `language`.
    #[uniffi::constructor(default(language = None))]
    pub fn access_token(token: String, user_id: String, language: Option<String>) -> Result<Arc<Self>, DriveError> {
        let core = Credentials::from_given(Some(token), false, user_id, language)?;
        Ok(Arc::new(KooDriveCredentials { core, token_provider: None }))
    }

    /// An access token from the app's provider, asked when the client has no token and again when
    /// the service refuses it, once for all the client's calls.
    #[uniffi::constructor(default(language = None))]
    pub fn token_provider(
        provider: Arc<dyn AccessTokenProvider>,
        user_id: String,
        language: Option<String>,
    ) -> Result<Arc<Self>, DriveError> {
        let core = Credentials::from_given(None, true, user_id, language)?;
        Ok(Arc::new(KooDriveCredentials { core, token_provider: Some(provider) }))
    }
}

/// A client of Huawei Cloud KooDrive on the app's HTTP transport; share it freely.
#[derive(uniffi::Object)]
pub struct KooDriveClient {
    connection: Connection<koodrive::KooDriveClient>,
}

#[uniffi::export]
impl KooDriveClient {
    /// A client of the KooDrive service at `base_url` (it runs per region; the URL is always the app's).
    /// `max_response_bytes` is the longest answer a call accepts (16 MiB when none is given).
    #[uniffi::constructor(default(retry = None, rate_limit = None, max_response_bytes = None))]
    pub fn new(
        base_url: String,
        credentials: Arc<KooDriveCredentials>,
        transport: Arc<dyn HttpTransport>,
        retry: Option<RetryOptions>,
        rate_limit: Option<RateLimitOptions>,
        max_response_bytes: Option<u64>,
    ) -> Result<Arc<Self>, DriveError> {
        let mut core = koodrive::KooDriveClient::new(&base_url, credentials.core.clone())?
            .with_retry_policy(RetryOptions::policy(retry))?
            .with_rate_limit(RateLimitOptions::limit(rate_limit)?)?;
        if let Some(bytes) = max_response_bytes {
            core = core.with_max_response_bytes(bytes).map_err(response_limit_refused)?;
        }
        let platform = AppPlatform::new(transport, credentials.token_provider.clone());
        Ok(Arc::new(KooDriveClient { connection: Connection { core, platform } }))
    }

    /// One page of an album from `page_cursor`; `page_size` is 1 to 100, `sort_type` 1 (shooting time),
    /// 2 (creation time) or 3 (update time), `sort_direction` 1 (ascending) or 2 (descending).
    #[uniffi::method(default(page_size = None, page_cursor = None, sort_type = None, sort_direction = None, trace_id = None))]
    pub async fn list_album_files(
        &self,
        album_id: String,
        page_size: Option<i64>,
        page_cursor: Option<String>,
        sort_type: Option<i64>,
        sort_direction: Option<i64>,
        trace_id: Option<String>,
    ) -> Result<AlbumFilesPage, DriveError> {
        let request =
            ListAlbumFilesRequest::from_codes(album_id, page_size, page_cursor, sort_type, sort_direction, trace_id)?;
        self.connection.run(request).await
    }

    /// The album page by page or file by file, from `position` (one a walk of the same album and sort gave, or a
    /// page cursor) or else from `page_cursor`. The inputs and the position are checked now, before anything is
    /// sent.
    #[uniffi::method(default(
        page_size = None,
        page_cursor = None,
        sort_type = None,
        sort_direction = None,
        trace_id = None,
        position = None
    ))]
    #[allow(clippy::too_many_arguments)] // one parameter per documented input, and where to resume
    pub fn list_album_files_pages(
        &self,
        album_id: String,
        page_size: Option<i64>,
        page_cursor: Option<String>,
        sort_type: Option<i64>,
        sort_direction: Option<i64>,
        trace_id: Option<String>,
        position: Option<String>,
    ) -> Result<Arc<AlbumFilesPages>, DriveError> {
        let request =
            ListAlbumFilesRequest::from_codes(album_id, page_size, page_cursor, sort_type, sort_direction, trace_id)?;
        AlbumFilesPages::new(&self.connection, request, position)
    }
}
