//! `PdsClient` and `AsyncPdsClient`: every PDS operation, written once, as a blocking method and as a coroutine.

use std::collections::BTreeMap;

use drivekit_core::Error;
use drivekit_core::auth::TokenSource;
use drivekit_core::pds::{
    self, Credentials, Endpoint, GetFileRequest, GetLastCursorRequest, GivenCredentials, ImageProcess,
    ListDeltaRequest, ListRecyclebinRequest, UpdateFileRequest,
};
use drivekit_core::retry::RetryPolicy;
use drivekit_core::throttle::RateLimit;
use pyo3::prelude::*;

use crate::arguments::Callable;
use crate::clients::client_classes;
use crate::driver::{self, Connection, rate_limit, retries_rule, retry_policy};
use crate::errors::to_py_err;
use crate::pagination::Unit;

/// Thumbnail rules by the caller's key, each `{"image_thumbnail_process": ..., ...}`.
type ThumbnailProcesses = BTreeMap<String, BTreeMap<String, String>>;

/// The endpoint and credentials from the constructor's keywords, as given: the core holds the rules for which
/// go together and reports what is missing or too much.
#[allow(clippy::too_many_arguments)] // one parameter per Python keyword
fn connect(
    domain_id: Option<String>,
    base_url: Option<String>,
    access_token: Option<String>,
    share_token: Option<String>,
    access_key_id: Option<String>,
    access_key_secret: Option<String>,
    security_token: Option<String>,
    token_provider: Option<Callable>,
    policy: RetryPolicy,
    limit: RateLimit,
    max_response_bytes: Option<u64>,
) -> Result<(pds::PdsClient, Option<Py<PyAny>>, &'static str), Error> {
    let endpoint = Endpoint::from_given(domain_id.as_deref(), base_url.as_deref())?;
    let credentials = Credentials::from_given(GivenCredentials {
        access_token,
        share_token,
        access_key_id,
        access_key_secret,
        security_token,
        token_provider: token_provider.is_some(),
    })?;
    let kind = credentials_kind(&credentials);
    let mut client = pds::PdsClient::new(endpoint, credentials)
        .with_retry_policy(policy)
        .map_err(retries_rule)?
        .with_rate_limit(limit)?;
    if let Some(bytes) = max_response_bytes {
        client = client.with_max_response_bytes(bytes)?;
    }
    Ok((client, token_provider.map(|provider| provider.0), kind))
}

/// Which kind of credentials a client holds, for its `repr` (never the secret).
fn credentials_kind(credentials: &Credentials) -> &'static str {
    match credentials {
        Credentials::AccessToken(TokenSource::Static(_)) => "access_token",
        Credentials::AccessToken(TokenSource::Provider) => "token_provider",
        Credentials::ShareToken(_) => "share_token",
        Credentials::AccessKey { security_token: Some(_), .. } => "sts",
        Credentials::AccessKey { .. } => "access_key",
    }
}

fn thumbnail_rules(processes: Option<ThumbnailProcesses>) -> Result<Option<BTreeMap<String, ImageProcess>>, Error> {
    let Some(processes) = processes else { return Ok(None) };
    let mut rules = BTreeMap::new();
    for (key, mut rule) in processes {
        let process = ImageProcess {
            image_thumbnail_process: rule.remove("image_thumbnail_process"),
            video_thumbnail_process: rule.remove("video_thumbnail_process"),
            document_thumbnail_process: rule.remove("document_thumbnail_process"),
        };
        if let Some(unknown) = rule.keys().next() {
            return Err(Error::InvalidArgument {
                field: "thumbnail_processes",
                rule: format!("a rule has no key {unknown:?}"),
            });
        }
        rules.insert(key, process);
    }
    Ok(Some(rules))
}

fn repr(class: &str, connection: &Connection<pds::PdsClient>, credentials: &str) -> String {
    let closed = if connection.is_closed() { ", closed" } else { "" };
    format!("{class}(base_url='{}', credentials='{credentials}'{closed})", connection.core.endpoint().url().as_str())
}

client_classes! {
    /// A PDS client whose methods block the calling thread (with the GIL released); share one across threads.
    blocking PdsClient,
    /// A PDS client for asyncio: the same methods as `PdsClient`, as coroutines that never block the event loop;
    /// its `token_provider` may be an `async def`.
    asyncio AsyncPdsClient,
    fields { connection: Connection<pds::PdsClient>, credentials: &'static str },
    methods {
        #[new]
        #[pyo3(signature = (
            *, domain_id=None, base_url=None, access_token=None, share_token=None, access_key_id=None,
            access_key_secret=None, security_token=None, token_provider=None, timeout=None, attempt_timeout=None,
            retries=None, max_requests_per_second=None, adaptive_rate_limit=None, max_response_bytes=None
        ))]
        // What Python shows: `arguments::take` reads an `adaptive_rate_limit` left out as the core's default, True.
        #[pyo3(text_signature = "(*, domain_id=None, base_url=None, access_token=None, share_token=None, \
            access_key_id=None, access_key_secret=None, security_token=None, token_provider=None, timeout=None, \
            attempt_timeout=None, retries=None, max_requests_per_second=None, adaptive_rate_limit=True, \
            max_response_bytes=None)")]
        #[allow(clippy::too_many_arguments)] // one parameter per Python keyword
        fn new(
            py: Python<'_>,
            domain_id: Option<String>,
            base_url: Option<String>,
            access_token: Option<String>,
            share_token: Option<String>,
            access_key_id: Option<String>,
            access_key_secret: Option<String>,
            security_token: Option<String>,
            token_provider: Option<Callable>,
            timeout: Option<f64>,
            attempt_timeout: Option<f64>,
            retries: Option<i64>,
            max_requests_per_second: Option<f64>,
            adaptive_rate_limit: Option<bool>,
            max_response_bytes: Option<i64>,
        ) -> PyResult<Self> {
            let (core, token_provider, credentials) = connect(
                domain_id,
                base_url,
                access_token,
                share_token,
                access_key_id,
                access_key_secret,
                security_token,
                token_provider,
                retry_policy(timeout, attempt_timeout, retries),
                rate_limit(max_requests_per_second, adaptive_rate_limit),
                driver::max_response_bytes(max_response_bytes),
            )
            .map_err(|err| to_py_err(py, err))?;
            Ok(Self { connection: Connection::new(core, token_provider, Self::WAITING)?, credentials })
        }

        /// The newest position of a drive's change feed: list everything, then follow ListDelta from here.
        #[pyo3(signature = (*, drive_id, sync_root_id=None))]
        fn get_last_cursor(&self, py: Python<'_>, drive_id: String, sync_root_id: Option<String>) -> PyResult<Py<PyAny>> {
            self.connection.perform(py, Ok(GetLastCursorRequest { drive_id, sync_root_id }))
        }

        /// One page of a drive's changes since `cursor` (from the start of the retained feed without one).
        #[pyo3(signature = (*, drive_id, cursor=None, limit=None, sync_root_id=None))]
        fn list_delta(
            &self,
            py: Python<'_>,
            drive_id: String,
            cursor: Option<String>,
            limit: Option<i64>,
            sync_root_id: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            self.connection.perform(py, Ok(ListDeltaRequest { drive_id, sync_root_id, cursor, limit }))
        }

        /// Every page of the delta feed until `has_more` is false, from `position` (a listing's saved
        /// `.position`) or `cursor`.
        #[pyo3(signature = (*, drive_id, cursor=None, limit=None, sync_root_id=None, position=None))]
        fn iter_delta_pages(
            &self,
            py: Python<'_>,
            drive_id: String,
            cursor: Option<String>,
            limit: Option<i64>,
            sync_root_id: Option<String>,
            position: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            let request = ListDeltaRequest { drive_id, sync_root_id, cursor, limit };
            self.connection.listing(py, Ok(request), position, Unit::Page)
        }

        /// Every change of the delta feed, page after page, from `position` (a listing's saved `.position`) or
        /// `cursor`.
        #[pyo3(signature = (*, drive_id, cursor=None, limit=None, sync_root_id=None, position=None))]
        fn iter_delta(
            &self,
            py: Python<'_>,
            drive_id: String,
            cursor: Option<String>,
            limit: Option<i64>,
            sync_root_id: Option<String>,
            position: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            let request = ListDeltaRequest { drive_id, sync_root_id, cursor, limit };
            self.connection.listing(py, Ok(request), position, Unit::Item)
        }

        /// One page of a drive's recycle bin, in name order, from `marker`.
        #[pyo3(signature = (*, drive_id, marker=None, limit=None, fields=None, thumbnail_processes=None))]
        fn list_recyclebin(
            &self,
            py: Python<'_>,
            drive_id: String,
            marker: Option<String>,
            limit: Option<i64>,
            fields: Option<String>,
            thumbnail_processes: Option<ThumbnailProcesses>,
        ) -> PyResult<Py<PyAny>> {
            let request = thumbnail_rules(thumbnail_processes)
                .map(|thumbnail_processes| ListRecyclebinRequest { drive_id, marker, limit, fields, thumbnail_processes });
            self.connection.perform(py, request)
        }

        /// Every page of a drive's recycle bin, from `position` (a listing's saved `.position`) or `marker`.
        #[pyo3(signature = (*, drive_id, marker=None, limit=None, fields=None, thumbnail_processes=None, position=None))]
        #[allow(clippy::too_many_arguments)] // one parameter per Python keyword
        fn iter_recyclebin_pages(
            &self,
            py: Python<'_>,
            drive_id: String,
            marker: Option<String>,
            limit: Option<i64>,
            fields: Option<String>,
            thumbnail_processes: Option<ThumbnailProcesses>,
            position: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            let request = thumbnail_rules(thumbnail_processes)
                .map(|thumbnail_processes| ListRecyclebinRequest { drive_id, marker, limit, fields, thumbnail_processes });
            self.connection.listing(py, request, position, Unit::Page)
        }

        /// Every file and folder in a drive's recycle bin, from `position` (a listing's saved `.position`) or
        /// `marker`.
        #[pyo3(signature = (*, drive_id, marker=None, limit=None, fields=None, thumbnail_processes=None, position=None))]
        #[allow(clippy::too_many_arguments)] // one parameter per Python keyword
        fn iter_recyclebin(
            &self,
            py: Python<'_>,
            drive_id: String,
            marker: Option<String>,
            limit: Option<i64>,
            fields: Option<String>,
            thumbnail_processes: Option<ThumbnailProcesses>,
            position: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            let request = thumbnail_rules(thumbnail_processes)
                .map(|thumbnail_processes| ListRecyclebinRequest { drive_id, marker, limit, fields, thumbnail_processes });
            self.connection.listing(py, request, position, Unit::Item)
        }

        /// One file's metadata and URLs, in a drive (`drive_id`) or a share (`share_id`).
        #[pyo3(signature = (*, file_id, drive_id=None, share_id=None, url_expire_sec=None, fields=None))]
        fn get_file(
            &self,
            py: Python<'_>,
            file_id: String,
            drive_id: Option<String>,
            share_id: Option<String>,
            url_expire_sec: Option<i64>,
            fields: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            self.connection.perform(py, Ok(GetFileRequest { drive_id, share_id, file_id, url_expire_sec, fields }))
        }

        /// Changes a file's metadata (never its content); unset arguments stay as they are.
        #[pyo3(signature = (
            *, drive_id, file_id, name=None, description=None, labels=None, check_name_mode=None,
            local_modified_at=None, hidden=None, starred=None
        ))]
        #[allow(clippy::too_many_arguments)] // one parameter per Python keyword
        fn update_file(
            &self,
            py: Python<'_>,
            drive_id: String,
            file_id: String,
            name: Option<String>,
            description: Option<String>,
            labels: Option<Vec<String>>,
            check_name_mode: Option<String>,
            local_modified_at: Option<String>,
            hidden: Option<bool>,
            starred: Option<bool>,
        ) -> PyResult<Py<PyAny>> {
            let request = check_name_mode.map(|mode| mode.parse()).transpose().map(|check_name_mode| UpdateFileRequest {
                drive_id,
                file_id,
                name,
                description,
                labels,
                check_name_mode,
                local_modified_at,
                hidden,
                starred,
            });
            self.connection.perform(py, request)
        }

        fn __repr__(&self) -> String {
            repr(Self::NAME, &self.connection, self.credentials)
        }
    }
}
