//! `KooDriveClient`: KooDrive's album listing as async methods with named, defaulted parameters.

use std::sync::Arc;

use drivekit_core::koodrive::{self, AlbumFilesPage, Credentials, ListAlbumFilesRequest, SortDirection, SortType};

use crate::driver::{Connection, Driver, RetryOptions};
use crate::error::DriveError;
use crate::pages::AlbumFilesPages;
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
        let core = with_language(Credentials::access_token(token, user_id)?, language)?;
        Ok(Arc::new(KooDriveCredentials { core, token_provider: None }))
    }

    /// An access token from the app's provider, asked before every request (and once more after a 401).
    #[uniffi::constructor(default(language = None))]
    pub fn token_provider(
        provider: Arc<dyn AccessTokenProvider>,
        user_id: String,
        language: Option<String>,
    ) -> Result<Arc<Self>, DriveError> {
        let core = with_language(Credentials::token_provider(user_id)?, language)?;
        Ok(Arc::new(KooDriveCredentials { core, token_provider: Some(provider) }))
    }
}

fn with_language(credentials: Credentials, language: Option<String>) -> Result<Credentials, drivekit_core::Error> {
    match language {
        Some(language) => credentials.with_language(language),
        None => Ok(credentials),
    }
}

/// A client of Huawei Cloud KooDrive on the app's HTTP transport; share it freely.
#[derive(uniffi::Object)]
pub struct KooDriveClient {
    connection: Arc<Connection<koodrive::KooDriveClient>>,
}

#[uniffi::export]
impl KooDriveClient {
    /// A client of the KooDrive service at `base_url` (it runs per region; the URL is always the app's).
    #[uniffi::constructor(default(retry = None))]
    pub fn new(
        base_url: String,
        credentials: Arc<KooDriveCredentials>,
        transport: Arc<dyn HttpTransport>,
        retry: Option<RetryOptions>,
    ) -> Result<Arc<Self>, DriveError> {
        let core = koodrive::KooDriveClient::new(&base_url, credentials.core.clone())?
            .with_retry_policy(RetryOptions::policy(retry))?;
        let driver = Arc::new(Driver { transport, token_provider: credentials.token_provider.clone() });
        Ok(Arc::new(KooDriveClient { connection: Arc::new(Connection { core, driver }) }))
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
        let request = album_request(album_id, page_size, page_cursor, sort_type, sort_direction, trace_id)?;
        self.connection.run(request).await
    }

    /// The album page by page from `page_cursor` (a saved position resumes).
    #[uniffi::method(default(page_size = None, page_cursor = None, sort_type = None, sort_direction = None, trace_id = None))]
    pub fn list_album_files_pages(
        &self,
        album_id: String,
        page_size: Option<i64>,
        page_cursor: Option<String>,
        sort_type: Option<i64>,
        sort_direction: Option<i64>,
        trace_id: Option<String>,
    ) -> Result<Arc<AlbumFilesPages>, DriveError> {
        let request = album_request(album_id, page_size, page_cursor, sort_type, sort_direction, trace_id)?;
        Ok(AlbumFilesPages::new(&self.connection, request))
    }
}

fn album_request(
    album_id: String,
    page_size: Option<i64>,
    page_cursor: Option<String>,
    sort_type: Option<i64>,
    sort_direction: Option<i64>,
    trace_id: Option<String>,
) -> Result<ListAlbumFilesRequest, drivekit_core::Error> {
    Ok(ListAlbumFilesRequest {
        album_id,
        page_size,
        page_cursor,
        sort_type: sort_type.map(SortType::try_from).transpose()?,
        sort_direction: sort_direction.map(SortDirection::try_from).transpose()?,
        trace_id,
    })
}
