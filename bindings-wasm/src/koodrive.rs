//! The KooDrive client: JavaScript options and inputs in, the core's calls run, wire-named objects out.

use drivekit_core::Error;
use drivekit_core::koodrive::{Credentials, KooDriveClient, ListAlbumFilesRequest};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

use crate::errors::to_js;
use crate::input::Fields;
use crate::listing::Listing;
use crate::options::{max_response_bytes, rate_limit, retry_policy, token_provider};
use crate::platform::{Browser, promise};

#[wasm_bindgen(typescript_custom_section)]
const SORTING: &str = r#"
/** What an album listing is sorted by: 1 shooting time, 2 creation time, 3 update time. */
export type SortType = 1 | 2 | 3;
/** Which way an album listing is sorted: 1 ascending, 2 descending (the default). */
export type SortDirection = 1 | 2;
"#;

/// A KooDrive client: the core's client and the platform its calls run on.
#[wasm_bindgen]
pub struct KooDriveCore {
    client: KooDriveClient,
    platform: Browser,
}

#[wasm_bindgen]
impl KooDriveCore {
    /// A client from its options; throws a validation error naming the option at fault.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<KooDriveCore, JsValue> {
        Self::configure(options).map_err(|error| to_js(&error))
    }

    fn configure(options: JsValue) -> Result<KooDriveCore, Error> {
        let options = Fields::options(options, "options")?;
        let provider = token_provider(&options)?;
        // The core names a missing user id as it names an empty one.
        let user_id = options.string("userId")?.unwrap_or_default();
        let credentials = Credentials::from_given(
            options.string("accessToken")?,
            provider.is_some(),
            user_id,
            options.string("language")?,
        )?;
        let base_url = options.string("baseUrl")?.unwrap_or_default();
        let client = KooDriveClient::new(&base_url, credentials)?
            .with_retry_policy(retry_policy(&options)?)?
            .with_rate_limit(rate_limit(&options)?)?
            .with_max_response_bytes(max_response_bytes(&options)?)?;
        Ok(KooDriveCore { client, platform: Browser::new(provider) })
    }

    /// One page of an album's files.
    #[wasm_bindgen(js_name = listAlbumFiles)]
    pub fn list_album_files(&self, input: JsValue, signal: Option<AbortSignal>) -> Promise {
        let request = Fields::input(input).and_then(|input| list_album_files(&input));
        promise(&self.client, self.platform.with_signal(signal), request)
    }

    /// An album's files page after page (or file after file), from `position` or the input's page cursor; throws
    /// a validation error before anything is sent.
    #[wasm_bindgen(js_name = listAlbumFilesPages)]
    pub fn list_album_files_pages(&self, input: JsValue, signal: Option<AbortSignal>) -> Result<Listing, JsValue> {
        Listing::start(&self.client, self.platform.with_signal(signal), input, list_album_files)
    }
}

/// The input of `listAlbumFiles` and `listAlbumFilesPages`, read property by property (see `pds.rs`).
fn list_album_files(input: &Fields) -> Result<ListAlbumFilesRequest, Error> {
    ListAlbumFilesRequest::from_codes(
        input.required_string("albumId")?,
        input.integer("pageSize")?,
        input.string("pageCursor")?,
        input.integer("sortType")?,
        input.integer("sortDirection")?,
        input.string("traceId")?,
    )
}
