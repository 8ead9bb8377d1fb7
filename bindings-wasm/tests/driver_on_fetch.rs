//! The core's driver and walker on the runtime's own `fetch` and timers, run by wasm-bindgen-test (in Node, or in
//! headless Chromium with `WASM_BINDGEN_USE_BROWSER=1`) against a running mock drive whose URL is given at build
//! time in `DRIVEKIT_MOCK_URL`.
#![cfg(target_arch = "wasm32")]

use drivekit_wasm::{KooDriveCore, Listing, PdsCore};
use js_sys::{Array, Function, JSON, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{AbortController, RequestInit, Response};

const MOCK_TOKEN: &str = "mock-access-token";
const LIST_DELTA: &str = "/v2/file/list_delta";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Promise;
}

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

fn text(value: &JsValue, key: &str) -> Option<String> {
    property(value, key).as_string()
}

async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// What a listing handed out: at once, or a promise of it.
async fn handed(next: Result<JsValue, JsValue>) -> Result<JsValue, JsValue> {
    match next?.dyn_into::<Promise>() {
        Ok(promise) => settle(promise).await,
        Err(value) => Ok(value),
    }
}

async fn delay(milliseconds: f64) {
    let set_timeout: Function = Reflect::get(&js_sys::global(), &"setTimeout".into()).unwrap().unchecked_into();
    let woken = Promise::new(&mut |resolve, _| {
        set_timeout.call2(&JsValue::UNDEFINED, &resolve, &milliseconds.into()).unwrap();
    });
    let _ = JsFuture::from(woken).await;
}

/// A call to the mock's control API, answering its JSON (or `undefined` for none).
async fn control(method: &str, path: &str) -> JsValue {
    let init = RequestInit::new();
    init.set_method(method);
    let response: Response =
        settle(global_fetch(&format!("{}/__mock/{path}", mock_url()), &init)).await.unwrap().unchecked_into();
    assert!(response.ok(), "mock control {method} {path}: HTTP {}", response.status());
    if response.status() == 204 { JsValue::UNDEFINED } else { settle(response.json().unwrap()).await.unwrap() }
}

/// How many ListDelta requests the mock has logged.
async fn list_delta_requests() -> usize {
    let requests = Array::from(&property(&control("GET", "requests").await, "requests"));
    requests.iter().filter(|request| text(request, "path").as_deref() == Some(LIST_DELTA)).count()
}

/// The next `count` changes of a listing (fewer when it ends first), as `op file_id`.
async fn take_changes(listing: &Listing, count: usize) -> Vec<String> {
    let mut changes = Vec::new();
    while changes.len() < count {
        let item = handed(listing.next_item()).await.unwrap();
        if item.is_undefined() {
            break;
        }
        changes.push(format!(
            "{} {}",
            text(&item, "op").unwrap_or_default(),
            text(&item, "file_id").unwrap_or_default()
        ));
    }
    changes
}

#[wasm_bindgen_test]
async fn list_delta_answers_a_page_with_wire_names() {
    let page = settle(pds().list_delta(object(r#"{"driveId": "1", "limit": 2}"#), None)).await.unwrap();
    assert_eq!(Array::from(&property(&page, "items")).length(), 2);
    assert_eq!(property(&page, "has_more"), JsValue::TRUE);
}

#[wasm_bindgen_test]
async fn a_limit_above_100_is_refused_naming_the_input() {
    let error = settle(pds().list_delta(object(r#"{"driveId": "1", "limit": 101}"#), None)).await.unwrap_err();
    assert_eq!(text(&error, "code").as_deref(), Some("invalid_argument"));
    assert_eq!(text(&error, "field").as_deref(), Some("limit"));
}

#[wasm_bindgen_test]
async fn a_missing_file_is_an_api_error_with_its_status() {
    let error = settle(pds().get_file(object(r#"{"driveId": "1", "fileId": "missing"}"#), None)).await.unwrap_err();
    assert_eq!(text(&error, "code").as_deref(), Some("api"));
    assert_eq!(property(&error, "status").as_f64(), Some(404.0));
    assert_eq!(text(&error, "serviceCode").as_deref(), Some("NotFound.File"));
}

#[wasm_bindgen_test]
async fn an_album_listing_walks_every_page_to_the_end() {
    let options = object(&format!(r#"{{"baseUrl": "{}", "accessToken": "{MOCK_TOKEN}", "userId": "42"}}"#, mock_url()));
    let client = KooDriveCore::new(options).expect("the options are valid");
    let input = object(r#"{"albumId": "1795607640592646273", "pageSize": 100}"#);
    let listing = client.list_album_files_pages(input, None).expect("the input is valid");
    let mut files = 0;
    loop {
        let page = handed(listing.next()).await.unwrap();
        if page.is_undefined() {
            break;
        }
        files += Array::from(&property(&page, "contentList")).length();
    }
    assert_eq!(files, 252);
    assert_eq!(listing.cursor(), None);
    assert!(listing.position().starts_with("dk1."));
}

#[wasm_bindgen_test]
async fn a_delta_walk_resumed_from_its_position_in_a_new_client_repeats_nothing_and_misses_nothing() {
    let every = take_changes(&pds().list_delta_pages(object(r#"{"driveId": "1"}"#), None).unwrap(), usize::MAX).await;
    assert!(every.len() > 200, "{} changes", every.len());
    for stop_after in [1, 37, 100, 101] {
        let first = pds().list_delta_pages(object(r#"{"driveId": "1", "limit": 25}"#), None).unwrap();
        let mut seen = take_changes(&first, stop_after).await;
        first.close();
        let input = object(&format!(r#"{{"driveId": "1", "limit": 25, "position": "{}"}}"#, first.position()));
        let resumed = pds().list_delta_pages(input, None).unwrap();
        seen.extend(take_changes(&resumed, usize::MAX).await);
        assert_eq!(seen, every, "stopped after {stop_after}");
    }
}

#[wasm_bindgen_test]
async fn the_next_page_is_sent_for_before_the_caller_asks_for_it() {
    let listing = pds().list_delta_pages(object(r#"{"driveId": "1", "limit": 50}"#), None).unwrap();
    control("DELETE", "requests").await;
    assert!(!handed(listing.next()).await.unwrap().is_undefined());
    let mut waited = 0.0;
    while list_delta_requests().await < 2 && waited < 5000.0 {
        delay(20.0).await;
        waited += 20.0;
    }
    assert_eq!(list_delta_requests().await, 2, "page 2 was sent for while the caller worked on page 1");
}

#[wasm_bindgen_test]
async fn a_position_of_another_drive_is_refused_when_the_listing_is_created_before_any_request() {
    let walked = pds()
        .list_delta_pages(object(r#"{"driveId": "1", "syncRootId": "622fb09598ae66777c7040109a16f49381f6abe1"}"#), None)
        .unwrap();
    take_changes(&walked, usize::MAX).await;
    control("DELETE", "requests").await;
    let input = object(&format!(r#"{{"driveId": "2", "position": "{}"}}"#, walked.position()));
    let Err(error) = pds().list_delta_pages(input, None) else { panic!("a position of another drive was taken") };
    assert_eq!(text(&error, "code").as_deref(), Some("invalid_argument"));
    assert_eq!(text(&error, "field").as_deref(), Some("position"));
    assert_eq!(list_delta_requests().await, 0);
}

#[wasm_bindgen_test]
async fn a_listing_whose_signal_was_aborted_ends_as_cancelled_without_a_request() {
    let controller = AbortController::new().unwrap();
    let listing = pds().list_delta_pages(object(r#"{"driveId": "1"}"#), Some(controller.signal())).unwrap();
    control("DELETE", "requests").await;
    controller.abort();
    let error = handed(listing.next_item()).await.unwrap_err();
    assert_eq!(text(&error, "code").as_deref(), Some("cancelled"));
    assert_eq!(list_delta_requests().await, 0);
}
