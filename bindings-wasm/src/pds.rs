//! The PDS client: JavaScript options and inputs in, the core's calls run, wire-named objects out.

use std::collections::BTreeMap;
use std::str::FromStr;

use drivekit_core::Error;
use drivekit_core::pds::{
    CheckNameMode, Credentials, Endpoint, GetFileRequest, GetLastCursorRequest, ImageProcess, ListDeltaRequest,
    ListRecyclebinRequest, PdsClient, UpdateFileRequest,
};
use js_sys::Promise;
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::driver::{Driver, RetryOptions, promise, retry_policy, token_provider};
use crate::errors::{from_js, or_empty, to_js};
use crate::pagination::Listing;

#[wasm_bindgen(typescript_custom_section)]
const CHECK_NAME_MODE: &str = r#"
/** What UpdateFile does when the new name is taken: allow it, rename with a timestamp, or refuse with 409. */
export type CheckNameMode = "ignore" | "auto_rename" | "refuse";
"#;

/// The options of `new PdsClient(...)`; the package's declarations spell out which combinations are allowed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PdsClientOptions {
    domain_id: Option<String>,
    base_url: Option<String>,
    access_token: Option<String>,
    share_token: Option<String>,
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    get_access_token: JsValue,
    timeout_ms: Option<f64>,
    retry: Option<RetryOptions>,
}

/// A PDS client: the core's client and the driver its calls run on.
#[wasm_bindgen]
pub struct PdsCore {
    client: PdsClient,
    driver: Driver,
}

#[wasm_bindgen]
impl PdsCore {
    /// A client from its options; throws a validation error naming the option at fault.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<PdsCore, JsValue> {
        Self::configure(options).map_err(|error| to_js(&error))
    }

    fn configure(options: JsValue) -> Result<PdsCore, Error> {
        let options: PdsClientOptions = from_js(or_empty(options))?;
        let endpoint = match (options.domain_id, options.base_url) {
            (Some(domain_id), None) => Endpoint::domain(&domain_id)?,
            (None, Some(base_url)) => Endpoint::base_url(&base_url)?,
            _ => return Err(invalid("domain_id", "give exactly one of domainId and baseUrl")),
        };
        let provider = token_provider(options.get_access_token)?;
        let credentials = match (options.access_token, options.share_token, &provider) {
            (Some(token), None, None) => Credentials::access_token(token)?,
            (None, Some(token), None) => Credentials::share_token(token)?,
            (None, None, Some(_)) => Credentials::token_provider(),
            _ => return Err(invalid("access_token", "give exactly one of accessToken, shareToken and getAccessToken")),
        };
        // Browsers send their own user agent and refuse to let a page choose one.
        let client = PdsClient::new(endpoint, credentials)
            .with_retry_policy(retry_policy(options.timeout_ms, options.retry))?
            .with_user_agent(None)?;
        Ok(PdsCore { client, driver: Driver { token_provider: provider } })
    }

    /// ListDelta: one page of a drive's changes.
    #[wasm_bindgen(js_name = listDelta)]
    pub fn list_delta(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        promise(&self.client, &self.driver, from_js::<ListDeltaInput>(input).map(ListDeltaRequest::from), signal)
    }

    /// ListDelta page after page, following the cursor.
    #[wasm_bindgen(js_name = listDeltaPages)]
    pub fn list_delta_pages(&self, input: JsValue) -> Listing {
        let request = from_js::<ListDeltaInput>(input).map(ListDeltaRequest::from);
        Listing::new(self.client.clone(), self.driver.clone(), request)
    }

    /// DeltaGetLastCursor: the newest cursor of a drive's feed.
    #[wasm_bindgen(js_name = getLastCursor)]
    pub fn get_last_cursor(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        let request = from_js::<GetLastCursorInput>(input).map(GetLastCursorRequest::from);
        promise(&self.client, &self.driver, request, signal)
    }

    /// ListRecyclebin: one page of the recycle bin.
    #[wasm_bindgen(js_name = listRecyclebin)]
    pub fn list_recyclebin(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        let request = from_js::<ListRecyclebinInput>(input).map(ListRecyclebinRequest::from);
        promise(&self.client, &self.driver, request, signal)
    }

    /// ListRecyclebin page after page, following the marker.
    #[wasm_bindgen(js_name = listRecyclebinPages)]
    pub fn list_recyclebin_pages(&self, input: JsValue) -> Listing {
        let request = from_js::<ListRecyclebinInput>(input).map(ListRecyclebinRequest::from);
        Listing::new(self.client.clone(), self.driver.clone(), request)
    }

    /// GetFile: one file of a drive or a share.
    #[wasm_bindgen(js_name = getFile)]
    pub fn get_file(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        promise(&self.client, &self.driver, from_js::<GetFileInput>(input).map(GetFileRequest::from), signal)
    }

    /// UpdateFile: rename, describe, label, hide or star a file.
    #[wasm_bindgen(js_name = updateFile)]
    pub fn update_file(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        let request = from_js::<UpdateFileInput>(input).and_then(UpdateFileRequest::try_from);
        promise(&self.client, &self.driver, request, signal)
    }
}

fn invalid(field: &'static str, rule: &str) -> Error {
    Error::InvalidArgument { field, rule: rule.to_owned() }
}

/// The input of `listDelta` and `listDeltaPages`.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ListDeltaInput {
    /// The drive.
    drive_id: String,
    /// Only changes under this synced folder.
    #[tsify(optional)]
    sync_root_id: Option<String>,
    /// Where to continue (a page's `cursor`, or GetLastCursor's); none reads from the start of the feed.
    #[tsify(optional)]
    cursor: Option<String>,
    /// At most this many changes, 0 to 100 (the default).
    #[tsify(optional)]
    limit: Option<i64>,
}

impl From<ListDeltaInput> for ListDeltaRequest {
    fn from(input: ListDeltaInput) -> Self {
        ListDeltaRequest {
            drive_id: input.drive_id,
            sync_root_id: input.sync_root_id,
            cursor: input.cursor,
            limit: input.limit,
        }
    }
}

/// The input of `getLastCursor`.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GetLastCursorInput {
    /// The drive.
    drive_id: String,
    /// Only the feed of this synced folder.
    #[tsify(optional)]
    sync_root_id: Option<String>,
}

impl From<GetLastCursorInput> for GetLastCursorRequest {
    fn from(input: GetLastCursorInput) -> Self {
        GetLastCursorRequest { drive_id: input.drive_id, sync_root_id: input.sync_root_id }
    }
}

/// The input of `listRecyclebin` and `listRecyclebinPages`.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ListRecyclebinInput {
    /// The drive.
    drive_id: String,
    /// Where to continue: the previous page's `next_marker`.
    #[tsify(optional)]
    marker: Option<String>,
    /// At most this many entries, 1 to 200; the service's default is 50.
    #[tsify(optional)]
    limit: Option<i64>,
    /// `*` for every field; unset for the default subset.
    #[tsify(optional)]
    fields: Option<String>,
    /// Up to five thumbnails to make, by a key of the caller's choosing.
    #[tsify(optional, type = "Record<string, ImageProcessInput>")]
    thumbnail_processes: Option<BTreeMap<String, ImageProcessInput>>,
}

/// How to make a thumbnail of an image, a video or a document.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ImageProcessInput {
    /// The image processing rule, e.g. `image/resize,w_200`.
    #[tsify(optional)]
    image_thumbnail_process: Option<String>,
    /// The video snapshot rule.
    #[tsify(optional)]
    video_thumbnail_process: Option<String>,
    /// The document thumbnail rule.
    #[tsify(optional)]
    document_thumbnail_process: Option<String>,
}

impl From<ListRecyclebinInput> for ListRecyclebinRequest {
    fn from(input: ListRecyclebinInput) -> Self {
        let thumbnail_processes = input.thumbnail_processes.map(|processes| {
            let process = |input: ImageProcessInput| ImageProcess {
                image_thumbnail_process: input.image_thumbnail_process,
                video_thumbnail_process: input.video_thumbnail_process,
                document_thumbnail_process: input.document_thumbnail_process,
            };
            processes.into_iter().map(|(key, input)| (key, process(input))).collect()
        });
        ListRecyclebinRequest {
            drive_id: input.drive_id,
            marker: input.marker,
            limit: input.limit,
            fields: input.fields,
            thumbnail_processes,
        }
    }
}

/// The input of `getFile`: a file of a drive (`driveId`), or of a share (`shareId`, with a share token).
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GetFileInput {
    /// The drive; exactly one of `driveId` and `shareId`.
    #[tsify(optional)]
    drive_id: Option<String>,
    /// The share; exactly one of `driveId` and `shareId`.
    #[tsify(optional)]
    share_id: Option<String>,
    /// The file.
    file_id: String,
    /// How long the returned URLs stay valid, 10 to 14,400 seconds.
    #[tsify(optional)]
    url_expire_sec: Option<i64>,
    /// `*`, or a comma-separated list such as `url,thumbnail`; `investigation_info` only when named.
    #[tsify(optional)]
    fields: Option<String>,
}

impl From<GetFileInput> for GetFileRequest {
    fn from(input: GetFileInput) -> Self {
        GetFileRequest {
            drive_id: input.drive_id,
            share_id: input.share_id,
            file_id: input.file_id,
            url_expire_sec: input.url_expire_sec,
            fields: input.fields,
        }
    }
}

/// The input of `updateFile`; unset fields stay as they are.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct UpdateFileInput {
    /// The drive.
    drive_id: String,
    /// The file.
    file_id: String,
    /// A new name, at most 1,024 UTF-8 bytes.
    #[tsify(optional)]
    name: Option<String>,
    /// A new description, at most 1,024 characters.
    #[tsify(optional)]
    description: Option<String>,
    /// New labels: at most 100, each at most 128 characters.
    #[tsify(optional)]
    labels: Option<Vec<String>>,
    /// What to do when the new name is taken; the service's default is `ignore`.
    #[tsify(optional, type = "CheckNameMode")]
    check_name_mode: Option<String>,
    /// When the file changed on the user's device, a UTC time like `2019-08-20T06:51:27.292Z`.
    #[tsify(optional)]
    local_modified_at: Option<String>,
    /// Hide or show the file.
    #[tsify(optional)]
    hidden: Option<bool>,
    /// Star or unstar the file.
    #[tsify(optional)]
    starred: Option<bool>,
}

impl TryFrom<UpdateFileInput> for UpdateFileRequest {
    type Error = Error;

    fn try_from(input: UpdateFileInput) -> Result<Self, Error> {
        Ok(UpdateFileRequest {
            drive_id: input.drive_id,
            file_id: input.file_id,
            name: input.name,
            description: input.description,
            labels: input.labels,
            check_name_mode: input.check_name_mode.as_deref().map(CheckNameMode::from_str).transpose()?,
            local_modified_at: input.local_modified_at,
            hidden: input.hidden,
            starred: input.starred,
        })
    }
}
