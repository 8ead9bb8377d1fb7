//! The driver loop on the runtime's own `fetch` and timers, run by wasm-bindgen-test (in Node, or in headless
//! Chromium with `WASM_BINDGEN_USE_BROWSER=1`) against a running mock drive whose URL is given at build time in
//! `DRIVEKIT_MOCK_URL`.
#![cfg(target_arch = "wasm32")]

use drivekit_wasm::{KooDriveCore, PdsCore};
use js_sys::{JSON, Promise, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const MOCK_TOKEN: &str = "mock-access-token";

fn mock_url() -> &'static str {
    option_env!("DRIVEKIT_MOCK_URL").unwrap_or("http://127.0.0.1:9")
}

fn object(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or(JsValue::UNDEFINED)
}

fn pds() -> PdsCore {
    let options = object(&format!(r#"{{"baseUrl": "{}", "accessToken": "{MOCK_TOKEN}"}}"#, mock_url()));
    PdsCore::new(options).expect("the options are valid")
}

fn property(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

#[wasm_bindgen_test]
async fn list_delta_answers_a_page_with_wire_names() {
    let page = settle(pds().list_delta(object(r#"{"driveId": "1", "limit": 2}"#), None)).await.unwrap();
    assert_eq!(js_sys::Array::from(&property(&page, "items")).length(), 2);
    assert_eq!(property(&page, "has_more"), JsValue::TRUE);
}

#[wasm_bindgen_test]
async fn a_limit_above_100_is_refused_naming_the_input() {
    let error = settle(pds().list_delta(object(r#"{"driveId": "1", "limit": 101}"#), None)).await.unwrap_err();
    assert_eq!(property(&error, "code").as_string().as_deref(), Some("invalid_argument"));
    assert_eq!(property(&error, "field").as_string().as_deref(), Some("limit"));
}

#[wasm_bindgen_test]
async fn a_missing_file_is_an_api_error_with_its_status() {
    let error = settle(pds().get_file(object(r#"{"driveId": "1", "fileId": "missing"}"#), None)).await.unwrap_err();
    assert_eq!(property(&error, "code").as_string().as_deref(), Some("api"));
    assert_eq!(property(&error, "status").as_f64(), Some(404.0));
    assert_eq!(property(&error, "serviceCode").as_string().as_deref(), Some("NotFound.File"));
}

#[wasm_bindgen_test]
async fn an_album_listing_walks_every_page_to_the_end() {
    let options = object(&format!(r#"{{"baseUrl": "{}", "accessToken": "{MOCK_TOKEN}", "userId": "42"}}"#, mock_url()));
    let client = KooDriveCore::new(options).expect("the options are valid");
    let listing = client.list_album_files_pages(object(r#"{"albumId": "1795607640592646273", "pageSize": 100}"#));
    let mut files = 0;
    loop {
        let page = settle(listing.next(None)).await.unwrap();
        if page.is_undefined() {
            break;
        }
        files += js_sys::Array::from(&property(&page, "contentList")).length();
    }
    assert_eq!(files, 252);
    assert_eq!(listing.position(), None);
}
