//! `PdsClient`: every PDS operation as an async method with named, defaulted parameters.

use std::collections::HashMap;
use std::sync::Arc;

use drivekit_core::pds::{
    self, CheckNameMode, Credentials, DeltaPage, Endpoint, File, GetFileRequest, GetLastCursorRequest,
    GivenCredentials, LastCursor, ListDeltaRequest, ListRecyclebinRequest, RecyclebinPage, UpdateFileRequest,
};

use crate::connection::{Connection, RateLimitOptions, RetryOptions, response_limit_refused};
use crate::error::DriveError;
use crate::pages::{DeltaPages, RecyclebinPages};
use crate::platform::AppPlatform;
use crate::transport::{AccessTokenProvider, HttpTransport};

/// How a PDS client signs in. Its text form never shows the secret.
#[derive(uniffi::Object)]
pub struct PdsCredentials {
    core: Credentials,
    token_provider: Option<Arc<dyn AccessTokenProvider>>,
}

#[uniffi::export]
impl PdsCredentials {
    /// One access token for every request.
    #[uniffi::constructor]
    pub fn access_token(token: String) -> Result<Arc<Self>, DriveError> {
        Ok(Arc::new(PdsCredentials { core: Credentials::access_token(token)?, token_provider: None }))
    }

    /// An access token from the app's provider, asked when the client has no token and again when
    /// the service refuses it, once for all the client's calls.
    #[uniffi::constructor]
    pub fn token_provider(provider: Arc<dyn AccessTokenProvider>) -> Arc<Self> {
        Arc::new(PdsCredentials { core: Credentials::token_provider(), token_provider: Some(provider) })
    }

    /// A share token, for `getFile` with a `shareId`.
    #[uniffi::constructor]
    pub fn share_token(token: String) -> Result<Arc<Self>, DriveError> {
        Ok(Arc::new(PdsCredentials { core: Credentials::share_token(token)?, token_provider: None }))
    }

    /// An AccessKey pair, with the security token of temporary (STS) credentials when there is one.
    #[uniffi::constructor(default(security_token = None))]
    pub fn access_key(id: String, secret: String, security_token: Option<String>) -> Result<Arc<Self>, DriveError> {
        let given = GivenCredentials {
            access_key_id: Some(id),
            access_key_secret: Some(secret),
            security_token,
            ..GivenCredentials::default()
        };
        Ok(Arc::new(PdsCredentials { core: Credentials::from_given(given)?, token_provider: None }))
    }
}

/// A thumbnail to have rendered for each listed file (one of ListRecyclebin's `thumbnail_processes`).
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct ImageProcess {
    /// The image processing for images, e.g. `image/resize,w_200`.
    #[uniffi(default = None)]
    pub image_thumbnail_process: Option<String>,
    /// The processing for videos.
    #[uniffi(default = None)]
    pub video_thumbnail_process: Option<String>,
    /// The processing for documents.
    #[uniffi(default = None)]
    pub document_thumbnail_process: Option<String>,
}

impl From<ImageProcess> for pds::ImageProcess {
    fn from(process: ImageProcess) -> Self {
        pds::ImageProcess {
            image_thumbnail_process: process.image_thumbnail_process,
            video_thumbnail_process: process.video_thumbnail_process,
            document_thumbnail_process: process.document_thumbnail_process,
        }
    }
}

/// A client of Alibaba Cloud Drive and Photo Service (PDS) on the app's HTTP transport; share it freely.
#[derive(uniffi::Object)]
pub struct PdsClient {
    connection: Connection<pds::PdsClient>,
}

#[uniffi::export]
impl PdsClient {
    /// A client of the PDS domain at `base_url` (e.g. `https://<domain_id>.api.aliyunpds.com`).
    /// `max_response_bytes` is the longest answer a call accepts (16 MiB when none is given).
    #[uniffi::constructor(default(retry = None, rate_limit = None, user_agent = None, max_response_bytes = None))]
    pub fn new(
        base_url: String,
        credentials: Arc<PdsCredentials>,
        transport: Arc<dyn HttpTransport>,
        retry: Option<RetryOptions>,
        rate_limit: Option<RateLimitOptions>,
        user_agent: Option<String>,
        max_response_bytes: Option<u64>,
    ) -> Result<Arc<Self>, DriveError> {
        let mut core = pds::PdsClient::new(Endpoint::base_url(&base_url)?, credentials.core.clone())
            .with_retry_policy(RetryOptions::policy(retry))?
            .with_rate_limit(RateLimitOptions::limit(rate_limit)?)?;
        if user_agent.is_some() {
            core = core.with_user_agent(user_agent)?;
        }
        if let Some(bytes) = max_response_bytes {
            core = core.with_max_response_bytes(bytes).map_err(response_limit_refused)?;
        }
        let platform = AppPlatform::new(transport, credentials.token_provider.clone());
        Ok(Arc::new(PdsClient { connection: Connection { core, platform } }))
    }

    /// One page of the drive's changes after `cursor` (none: from the start); `limit` is 0 to 100.
    #[uniffi::method(default(sync_root_id = None, cursor = None, limit = None))]
    pub async fn list_delta(
        &self,
        drive_id: String,
        sync_root_id: Option<String>,
        cursor: Option<String>,
        limit: Option<i64>,
    ) -> Result<DeltaPage, DriveError> {
        self.connection.run(ListDeltaRequest { drive_id, sync_root_id, cursor, limit }).await
    }

    /// The drive's changes page by page or change by change, from `position` (one a walk of the same drive and
    /// sync root gave, or a service cursor such as `getLastCursor`'s) or else from `cursor`; `limit` is 0 to 100.
    /// The inputs and the position are checked now, before anything is sent.
    #[uniffi::method(default(sync_root_id = None, cursor = None, limit = None, position = None))]
    pub fn list_delta_pages(
        &self,
        drive_id: String,
        sync_root_id: Option<String>,
        cursor: Option<String>,
        limit: Option<i64>,
        position: Option<String>,
    ) -> Result<Arc<DeltaPages>, DriveError> {
        DeltaPages::new(&self.connection, ListDeltaRequest { drive_id, sync_root_id, cursor, limit }, position)
    }

    /// The newest cursor of the drive's change feed: where to start watching for new changes.
    #[uniffi::method(default(sync_root_id = None))]
    pub async fn get_last_cursor(
        &self,
        drive_id: String,
        sync_root_id: Option<String>,
    ) -> Result<LastCursor, DriveError> {
        self.connection.run(GetLastCursorRequest { drive_id, sync_root_id }).await
    }

    /// One page of the recycle bin after `marker`; `limit` is 1 to 200.
    #[uniffi::method(default(marker = None, limit = None, fields = None, thumbnail_processes = None))]
    pub async fn list_recyclebin(
        &self,
        drive_id: String,
        marker: Option<String>,
        limit: Option<i64>,
        fields: Option<String>,
        thumbnail_processes: Option<HashMap<String, ImageProcess>>,
    ) -> Result<RecyclebinPage, DriveError> {
        self.connection.run(recyclebin_request(drive_id, marker, limit, fields, thumbnail_processes)).await
    }

    /// The recycle bin page by page or file by file, from `position` (one a walk of the same drive gave, or a
    /// marker) or else from `marker`. The inputs and the position are checked now, before anything is sent.
    #[uniffi::method(default(marker = None, limit = None, fields = None, thumbnail_processes = None, position = None))]
    pub fn list_recyclebin_pages(
        &self,
        drive_id: String,
        marker: Option<String>,
        limit: Option<i64>,
        fields: Option<String>,
        thumbnail_processes: Option<HashMap<String, ImageProcess>>,
        position: Option<String>,
    ) -> Result<Arc<RecyclebinPages>, DriveError> {
        let request = recyclebin_request(drive_id, marker, limit, fields, thumbnail_processes);
        RecyclebinPages::new(&self.connection, request, position)
    }

    /// One file, by `drive_id` or by `share_id` (with share-token credentials); `url_expire_sec` is 10 to 14,400.
    #[uniffi::method(default(drive_id = None, share_id = None, url_expire_sec = None, fields = None))]
    pub async fn get_file(
        &self,
        file_id: String,
        drive_id: Option<String>,
        share_id: Option<String>,
        url_expire_sec: Option<i64>,
        fields: Option<String>,
    ) -> Result<File, DriveError> {
        self.connection.run(GetFileRequest { drive_id, share_id, file_id, url_expire_sec, fields }).await
    }

    /// Changes a file's name, description, labels or flags; `check_name_mode` is `ignore`, `auto_rename` or
    /// `refuse`, and `local_modified_at` a UTC time such as `2026-01-02T03:04:05Z`.
    #[uniffi::method(default(
        name = None,
        description = None,
        labels = None,
        check_name_mode = None,
        local_modified_at = None,
        hidden = None,
        starred = None
    ))]
    #[allow(clippy::too_many_arguments)] // one parameter per documented input
    pub async fn update_file(
        &self,
        drive_id: String,
        file_id: String,
        name: Option<String>,
        description: Option<String>,
        labels: Option<Vec<String>>,
        check_name_mode: Option<String>,
        local_modified_at: Option<String>,
        hidden: Option<bool>,
        starred: Option<bool>,
    ) -> Result<File, DriveError> {
        let check_name_mode = check_name_mode.map(|mode| mode.parse::<CheckNameMode>()).transpose()?;
        let request = UpdateFileRequest {
            drive_id,
            file_id,
            name,
            description,
            labels,
            check_name_mode,
            local_modified_at,
            hidden,
            starred,
        };
        self.connection.run(request).await
    }
}

fn recyclebin_request(
    drive_id: String,
    marker: Option<String>,
    limit: Option<i64>,
    fields: Option<String>,
    thumbnail_processes: Option<HashMap<String, ImageProcess>>,
) -> ListRecyclebinRequest {
    let thumbnail_processes = thumbnail_processes
        .map(|processes| processes.into_iter().map(|(name, process)| (name, process.into())).collect());
    ListRecyclebinRequest { drive_id, marker, limit, fields, thumbnail_processes }
}
