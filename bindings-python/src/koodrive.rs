//! `KooDriveClient` and `AsyncKooDriveClient`: album listing, written once, as a blocking method and as a coroutine.

use drivekit_core::Error;
use drivekit_core::koodrive::{self, Credentials, ListAlbumFilesRequest};
use drivekit_core::retry::RetryPolicy;
use drivekit_core::throttle::RateLimit;
use pyo3::prelude::*;

use crate::arguments::Callable;
use crate::clients::client_classes;
use crate::driver::{self, Connection, rate_limit, retries_rule, retry_policy};
use crate::errors::to_py_err;
use crate::pagination::Unit;

/// The client from the constructor's keywords, as given: the core holds the rules for which go together.
#[allow(clippy::too_many_arguments)] // one parameter per Python keyword
fn connect(
    base_url: String,
    user_id: String,
    access_token: Option<String>,
    token_provider: Option<Callable>,
    language: Option<String>,
    policy: RetryPolicy,
    limit: RateLimit,
    max_response_bytes: Option<u64>,
) -> Result<(koodrive::KooDriveClient, Option<Py<PyAny>>), Error> {
    let credentials = Credentials::from_given(access_token, token_provider.is_some(), user_id, language)?;
    let mut client = koodrive::KooDriveClient::new(&base_url, credentials)?
        .with_retry_policy(policy)
        .map_err(retries_rule)?
        .with_rate_limit(limit)?;
    if let Some(bytes) = max_response_bytes {
        client = client.with_max_response_bytes(bytes)?;
    }
    Ok((client, token_provider.map(|provider| provider.0)))
}

fn repr(class: &str, connection: &Connection<koodrive::KooDriveClient>) -> String {
    let closed = if connection.is_closed() { ", closed" } else { "" };
    format!("{class}(base_url='{}'{closed})", connection.core.base_url().as_str())
}

client_classes! {
    /// A KooDrive client whose methods block the calling thread (with the GIL released); share one across threads.
    blocking KooDriveClient,
    /// A KooDrive client for asyncio: the same methods as `KooDriveClient`, as coroutines; its `token_provider`
    /// may be an `async def`.
    asyncio AsyncKooDriveClient,
    fields { connection: Connection<koodrive::KooDriveClient> },
    methods {
        #[new]
        #[pyo3(signature = (
            *, base_url, user_id, access_token=None, token_provider=None, language=None, timeout=None,
            attempt_timeout=None, retries=None, max_requests_per_second=None, adaptive_rate_limit=None,
            max_response_bytes=None
        ))]
        // What Python shows: `arguments::take` reads an `adaptive_rate_limit` left out as the core's default, True.
        #[pyo3(text_signature = "(*, base_url, user_id, access_token=None, token_provider=None, language=None, \
            timeout=None, attempt_timeout=None, retries=None, max_requests_per_second=None, adaptive_rate_limit=True, \
            max_response_bytes=None)")]
        #[allow(clippy::too_many_arguments)] // one parameter per Python keyword
        fn new(
            py: Python<'_>,
            base_url: String,
            user_id: String,
            access_token: Option<String>,
            token_provider: Option<Callable>,
            language: Option<String>,
            timeout: Option<f64>,
            attempt_timeout: Option<f64>,
            retries: Option<i64>,
            max_requests_per_second: Option<f64>,
            adaptive_rate_limit: Option<bool>,
            max_response_bytes: Option<i64>,
        ) -> PyResult<Self> {
            let policy = retry_policy(timeout, attempt_timeout, retries);
            let limit = rate_limit(max_requests_per_second, adaptive_rate_limit);
            let max_response_bytes = driver::max_response_bytes(max_response_bytes);
            let (core, token_provider) =
                connect(base_url, user_id, access_token, token_provider, language, policy, limit, max_response_bytes)
                    .map_err(|err| to_py_err(py, err))?;
            Ok(Self { connection: Connection::new(core, token_provider, Self::WAITING)? })
        }

        fn __repr__(&self) -> String {
            repr(Self::NAME, &self.connection)
        }

        /// One page of an album's files from `page_cursor`; `sort_type` 1 shooting, 2 creation, 3 update time;
        /// `sort_direction` 1 ascending, 2 descending.
        #[pyo3(signature = (*, album_id, page_size=None, page_cursor=None, sort_type=None, sort_direction=None, trace_id=None))]
        #[allow(clippy::too_many_arguments)] // one parameter per Python keyword
        fn list_album_files(
            &self,
            py: Python<'_>,
            album_id: String,
            page_size: Option<i64>,
            page_cursor: Option<String>,
            sort_type: Option<i64>,
            sort_direction: Option<i64>,
            trace_id: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            let request = ListAlbumFilesRequest::from_codes(album_id, page_size, page_cursor, sort_type, sort_direction, trace_id);
            self.connection.perform(py, request)
        }

        /// Every page of an album until `nextPageCursor` is empty, from `position` (a listing's saved
        /// `.position`) or `page_cursor`.
        #[pyo3(signature = (*, album_id, page_size=None, page_cursor=None, sort_type=None, sort_direction=None, trace_id=None, position=None))]
        #[allow(clippy::too_many_arguments)] // one parameter per Python keyword
        fn iter_album_files_pages(
            &self,
            py: Python<'_>,
            album_id: String,
            page_size: Option<i64>,
            page_cursor: Option<String>,
            sort_type: Option<i64>,
            sort_direction: Option<i64>,
            trace_id: Option<String>,
            position: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            let request = ListAlbumFilesRequest::from_codes(album_id, page_size, page_cursor, sort_type, sort_direction, trace_id);
            self.connection.listing(py, request, position, Unit::Page)
        }

        /// Every file of an album, page after page, from `position` (a listing's saved `.position`) or
        /// `page_cursor`.
        #[pyo3(signature = (*, album_id, page_size=None, page_cursor=None, sort_type=None, sort_direction=None, trace_id=None, position=None))]
        #[allow(clippy::too_many_arguments)] // one parameter per Python keyword
        fn iter_album_files(
            &self,
            py: Python<'_>,
            album_id: String,
            page_size: Option<i64>,
            page_cursor: Option<String>,
            sort_type: Option<i64>,
            sort_direction: Option<i64>,
            trace_id: Option<String>,
            position: Option<String>,
        ) -> PyResult<Py<PyAny>> {
            let request = ListAlbumFilesRequest::from_codes(album_id, page_size, page_cursor, sort_type, sort_direction, trace_id);
            self.connection.listing(py, request, position, Unit::Item)
        }
    }
}
