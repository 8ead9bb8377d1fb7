//! The PDS client: JavaScript options and inputs in, the core's calls run, wire-named objects out.

use std::collections::BTreeMap;
use std::str::FromStr;

use drivekit_core::Error;
use drivekit_core::call::Exchange;
use drivekit_core::paginate::Listing as Listed;
use drivekit_core::pds::{
    CheckNameMode, Credentials, Endpoint, GetFileRequest, GetLastCursorRequest, GivenCredentials, ImageProcess,
    ListDeltaRequest, ListRecyclebinRequest, PdsClient, PdsExchange, PdsOperation, UpdateFileRequest,
};
use js_sys::Promise;
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::errors::to_js;
use crate::input::Fields;
use crate::listing::Listing;
use crate::options::{max_response_bytes, rate_limit, retry_policy, token_provider};
use crate::platform::{Browser, promise};

#[wasm_bindgen(typescript_custom_section)]
const CHECK_NAME_MODE: &str = r#"
/** What UpdateFile does when the new name is taken: allow it, rename with a timestamp, or refuse with 409. */
export type CheckNameMode = "ignore" | "auto_rename" | "refuse";
"#;

/// A PDS client: the core's client and the platform its calls run on.
#[wasm_bindgen]
pub struct PdsCore {
    client: PdsClient,
    platform: Browser,
}

#[wasm_bindgen]
impl PdsCore {
    /// A client from its options; throws a validation error naming the option at fault.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<PdsCore, JsValue> {
        Self::configure(options).map_err(|error| to_js(&error))
    }

    fn configure(options: JsValue) -> Result<PdsCore, Error> {
        let options = Fields::options(options, "options")?;
        let endpoint =
            Endpoint::from_given(options.string("domainId")?.as_deref(), options.string("baseUrl")?.as_deref())?;
        // AccessKey signing is not offered: the secret would ship inside the page.
        if let Some(name) = options.first_given(&["accessKeyId", "accessKeySecret", "securityToken"])? {
            let rule = "is not offered in the browser, where a secret key would ship inside the page: give \
                        accessToken, shareToken or getAccessToken";
            return Err(Error::InvalidArgument { field: name, rule: rule.to_owned() });
        }
        let provider = token_provider(&options)?;
        let credentials = Credentials::from_given(GivenCredentials {
            access_token: options.string("accessToken")?,
            share_token: options.string("shareToken")?,
            token_provider: provider.is_some(),
            ..GivenCredentials::default()
        })?;
        // Browsers send their own user agent and refuse to let a page choose one.
        let client = PdsClient::new(endpoint, credentials)
            .with_retry_policy(retry_policy(&options)?)?
            .with_rate_limit(rate_limit(&options)?)?
            .with_max_response_bytes(max_response_bytes(&options)?)?
            .with_user_agent(None)?;
        Ok(PdsCore { client, platform: Browser::new(provider) })
    }

    fn call<O>(&self, input: JsValue, read: fn(&Fields) -> Result<O, Error>, signal: Option<AbortSignal>) -> Promise
    where
        O: PdsOperation + 'static,
        O::Output: Serialize,
    {
        let operation = Fields::input(input).and_then(|input| read(&input));
        promise(&self.client, self.platform.with_signal(signal), operation)
    }

    fn listing<R>(
        &self,
        input: JsValue,
        read: fn(&Fields) -> Result<R, Error>,
        signal: Option<AbortSignal>,
    ) -> Result<Listing, JsValue>
    where
        R: PdsOperation + Listed + 'static,
        R::Page: Serialize,
        R::Item: Serialize,
        PdsExchange<R>: Exchange<Output = R::Page>,
    {
        Listing::start(&self.client, self.platform.with_signal(signal), input, read)
    }

    /// ListDelta: one page of a drive's changes.
    #[wasm_bindgen(js_name = listDelta)]
    pub fn list_delta(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, ListDeltaInput::request, signal)
    }

    /// ListDelta page after page (or change after change), from `position` or the input's cursor; throws a
    /// validation error before anything is sent.
    #[wasm_bindgen(js_name = listDeltaPages)]
    pub fn list_delta_pages(&self, input: JsValue, signal: Option<AbortSignal>) -> Result<Listing, JsValue> {
        self.listing(input, ListDeltaInput::request, signal)
    }

    /// DeltaGetLastCursor: the newest cursor of a drive's feed.
    #[wasm_bindgen(js_name = getLastCursor)]
    pub fn get_last_cursor(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, GetLastCursorInput::request, signal)
    }

    /// ListRecyclebin: one page of the recycle bin.
    #[wasm_bindgen(js_name = listRecyclebin)]
    pub fn list_recyclebin(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, ListRecyclebinInput::request, signal)
    }

    /// ListRecyclebin page after page (or file after file), from `position` or the input's marker; throws a
    /// validation error before anything is sent.
    #[wasm_bindgen(js_name = listRecyclebinPages)]
    pub fn list_recyclebin_pages(&self, input: JsValue, signal: Option<AbortSignal>) -> Result<Listing, JsValue> {
        self.listing(input, ListRecyclebinInput::request, signal)
    }

    /// GetFile: one file of a drive or a share.
    #[wasm_bindgen(js_name = getFile)]
    pub fn get_file(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, GetFileInput::request, signal)
    }

    /// UpdateFile: rename, describe, label, hide or star a file.
    #[wasm_bindgen(js_name = updateFile)]
    pub fn update_file(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, UpdateFileInput::request, signal)
    }
}

/// The input of `listDelta` and `listDeltaPages`.
#[derive(Tsify)]
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

impl ListDeltaInput {
    fn request(input: &Fields) -> Result<ListDeltaRequest, Error> {
        Ok(ListDeltaRequest::from(Self::read(input)?))
    }

    fn read(input: &Fields) -> Result<Self, Error> {
        Ok(ListDeltaInput {
            drive_id: input.required_string("driveId")?,
            sync_root_id: input.string("syncRootId")?,
            cursor: input.string("cursor")?,
            limit: input.integer("limit")?,
        })
    }
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
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GetLastCursorInput {
    /// The drive.
    drive_id: String,
    /// Only the feed of this synced folder.
    #[tsify(optional)]
    sync_root_id: Option<String>,
}

impl GetLastCursorInput {
    fn request(input: &Fields) -> Result<GetLastCursorRequest, Error> {
        Ok(GetLastCursorRequest::from(Self::read(input)?))
    }

    fn read(input: &Fields) -> Result<Self, Error> {
        Ok(GetLastCursorInput {
            drive_id: input.required_string("driveId")?,
            sync_root_id: input.string("syncRootId")?,
        })
    }
}

impl From<GetLastCursorInput> for GetLastCursorRequest {
    fn from(input: GetLastCursorInput) -> Self {
        GetLastCursorRequest { drive_id: input.drive_id, sync_root_id: input.sync_root_id }
    }
}

/// The input of `listRecyclebin` and `listRecyclebinPages`.
#[derive(Tsify)]
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

impl ListRecyclebinInput {
    fn request(input: &Fields) -> Result<ListRecyclebinRequest, Error> {
        Ok(ListRecyclebinRequest::from(Self::read(input)?))
    }

    fn read(input: &Fields) -> Result<Self, Error> {
        let thumbnail_processes = input.record("thumbnailProcesses")?.map(|processes| {
            let process = |(key, process): (String, Fields)| Ok((key, ImageProcessInput::read(&process)?));
            processes.into_iter().map(process).collect::<Result<_, Error>>()
        });
        Ok(ListRecyclebinInput {
            drive_id: input.required_string("driveId")?,
            marker: input.string("marker")?,
            limit: input.integer("limit")?,
            fields: input.string("fields")?,
            thumbnail_processes: thumbnail_processes.transpose()?,
        })
    }
}

/// How to make a thumbnail of an image, a video or a document.
#[derive(Tsify)]
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

impl ImageProcessInput {
    fn read(process: &Fields) -> Result<Self, Error> {
        Ok(ImageProcessInput {
            image_thumbnail_process: process.string("imageThumbnailProcess")?,
            video_thumbnail_process: process.string("videoThumbnailProcess")?,
            document_thumbnail_process: process.string("documentThumbnailProcess")?,
        })
    }
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
#[derive(Tsify)]
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

impl GetFileInput {
    fn request(input: &Fields) -> Result<GetFileRequest, Error> {
        Ok(GetFileRequest::from(Self::read(input)?))
    }

    fn read(input: &Fields) -> Result<Self, Error> {
        Ok(GetFileInput {
            drive_id: input.string("driveId")?,
            share_id: input.string("shareId")?,
            file_id: input.required_string("fileId")?,
            url_expire_sec: input.integer("urlExpireSec")?,
            fields: input.string("fields")?,
        })
    }
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
#[derive(Tsify)]
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

impl UpdateFileInput {
    fn request(input: &Fields) -> Result<UpdateFileRequest, Error> {
        UpdateFileRequest::try_from(Self::read(input)?)
    }

    fn read(input: &Fields) -> Result<Self, Error> {
        Ok(UpdateFileInput {
            drive_id: input.required_string("driveId")?,
            file_id: input.required_string("fileId")?,
            name: input.string("name")?,
            description: input.string("description")?,
            labels: input.strings("labels")?,
            check_name_mode: input.string("checkNameMode")?,
            local_modified_at: input.string("localModifiedAt")?,
            hidden: input.boolean("hidden")?,
            starred: input.boolean("starred")?,
        })
    }
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
