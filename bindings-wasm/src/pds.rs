//! The PDS client: JavaScript options and inputs in, the core's calls run, wire-named objects out.

use std::str::FromStr;

use drivekit_core::Error;
use drivekit_core::paginate::Listing as Listed;
use drivekit_core::pds::{
    CheckNameMode, Credentials, Endpoint, GetFileRequest, GetLastCursorRequest, GivenCredentials, ImageProcess,
    ListDeltaRequest, ListRecyclebinRequest, PdsClient, PdsOperation, UpdateFileRequest,
};
use drivekit_core::schema::DescribedModel;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::errors::to_js;
use crate::input::Fields;
use crate::listing::Listing;
use crate::options::{max_response_bytes, rate_limit, retry_policy, token_provider};
use crate::platform::{Browser, promise};

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
        O::Output: DescribedModel,
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
        R::Output: DescribedModel,
    {
        Listing::start(&self.client, self.platform.with_signal(signal), input, read)
    }

    /// ListDelta: one page of a drive's changes.
    #[wasm_bindgen(js_name = listDelta)]
    pub fn list_delta(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, list_delta, signal)
    }

    /// ListDelta page after page (or change after change), from `position` or the input's cursor; throws a
    /// validation error before anything is sent.
    #[wasm_bindgen(js_name = listDeltaPages)]
    pub fn list_delta_pages(&self, input: JsValue, signal: Option<AbortSignal>) -> Result<Listing, JsValue> {
        self.listing(input, list_delta, signal)
    }

    /// DeltaGetLastCursor: the newest cursor of a drive's feed.
    #[wasm_bindgen(js_name = getLastCursor)]
    pub fn get_last_cursor(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, get_last_cursor, signal)
    }

    /// ListRecyclebin: one page of the recycle bin.
    #[wasm_bindgen(js_name = listRecyclebin)]
    pub fn list_recyclebin(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, list_recyclebin, signal)
    }

    /// ListRecyclebin page after page (or file after file), from `position` or the input's marker; throws a
    /// validation error before anything is sent.
    #[wasm_bindgen(js_name = listRecyclebinPages)]
    pub fn list_recyclebin_pages(&self, input: JsValue, signal: Option<AbortSignal>) -> Result<Listing, JsValue> {
        self.listing(input, list_recyclebin, signal)
    }

    /// GetFile: one file of a drive or a share.
    #[wasm_bindgen(js_name = getFile)]
    pub fn get_file(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, get_file, signal)
    }

    /// UpdateFile: rename, describe, label, hide or star a file.
    #[wasm_bindgen(js_name = updateFile)]
    pub fn update_file(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        self.call(input, update_file, signal)
    }
}

// Inputs are the core's requests under the names JavaScript writes (their declarations come from the core's, see
// `Input` in js/index.d.ts); each is read property by property, so that a value of the wrong type is reported
// under the name the caller wrote.

fn list_delta(input: &Fields) -> Result<ListDeltaRequest, Error> {
    Ok(ListDeltaRequest {
        drive_id: input.required_string("driveId")?,
        sync_root_id: input.string("syncRootId")?,
        cursor: input.string("cursor")?,
        limit: input.integer("limit")?,
    })
}

fn get_last_cursor(input: &Fields) -> Result<GetLastCursorRequest, Error> {
    Ok(GetLastCursorRequest { drive_id: input.required_string("driveId")?, sync_root_id: input.string("syncRootId")? })
}

fn list_recyclebin(input: &Fields) -> Result<ListRecyclebinRequest, Error> {
    let process = |(key, process): (String, Fields)| {
        let process = ImageProcess {
            image_thumbnail_process: process.string("imageThumbnailProcess")?,
            video_thumbnail_process: process.string("videoThumbnailProcess")?,
            document_thumbnail_process: process.string("documentThumbnailProcess")?,
        };
        Ok((key, process))
    };
    let thumbnail_processes = input.record("thumbnailProcesses")?;
    Ok(ListRecyclebinRequest {
        drive_id: input.required_string("driveId")?,
        marker: input.string("marker")?,
        limit: input.integer("limit")?,
        fields: input.string("fields")?,
        thumbnail_processes: thumbnail_processes
            .map(|processes| processes.into_iter().map(process).collect::<Result<_, Error>>())
            .transpose()?,
    })
}

fn get_file(input: &Fields) -> Result<GetFileRequest, Error> {
    Ok(GetFileRequest {
        drive_id: input.string("driveId")?,
        share_id: input.string("shareId")?,
        file_id: input.required_string("fileId")?,
        url_expire_sec: input.integer("urlExpireSec")?,
        fields: input.string("fields")?,
    })
}

fn update_file(input: &Fields) -> Result<UpdateFileRequest, Error> {
    Ok(UpdateFileRequest {
        drive_id: input.required_string("driveId")?,
        file_id: input.required_string("fileId")?,
        name: input.string("name")?,
        description: input.string("description")?,
        labels: input.strings("labels")?,
        check_name_mode: input.string("checkNameMode")?.as_deref().map(CheckNameMode::from_str).transpose()?,
        local_modified_at: input.string("localModifiedAt")?,
        hidden: input.boolean("hidden")?,
        starred: input.boolean("starred")?,
    })
}
