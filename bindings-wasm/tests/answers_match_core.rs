//! Every shared response fixture read two ways, in Node and in headless Chromium: by the package (the engine's
//! `JSON.parse` and the rules of `js/answers.js`) and by the core's own readers, which the package leaves out and
//! this test builds in. The two must agree exactly: the same objects, or errors of the same kind and fields. The
//! fixtures are served over HTTP by the test's runner (`wasm-bindgen-tests.js`), whose URL arrives at build time
//! in `DRIVEKIT_FIXTURES_URL`.
#![cfg(target_arch = "wasm32")]

use drivekit_core::Error;
use drivekit_core::call::{Exchange, Operation};
use drivekit_core::http::HttpResponse;
use drivekit_core::koodrive::{self, KooDriveClient, ListAlbumFilesRequest};
use drivekit_core::pds::{
    self, Endpoint, GetFileRequest, GetLastCursorRequest, ListDeltaRequest, ListRecyclebinRequest, PdsClient,
    UpdateFileRequest,
};
use js_sys::{JSON, Promise, Reflect, Uint8Array};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Response;

#[wasm_bindgen(inline_js = r#"
export function canonical(value, SignedUrl) {
  const plain = (value) => {
    if (value instanceof SignedUrl) return value.href;
    if (Array.isArray(value)) return value.map(plain);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, plain(value[key])]));
    }
    return value;
  };
  return JSON.stringify(plain(value));
}
"#)]
extern "C" {
    /// The value as JSON text with sorted keys, signed URLs as their whole text.
    fn canonical(value: &JsValue, signed_url: &JsValue) -> String;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str) -> Promise;
}

fn fixtures_url() -> &'static str {
    option_env!("DRIVEKIT_FIXTURES_URL").unwrap_or("http://127.0.0.1:9")
}

async fn fetched(path: &str) -> Vec<u8> {
    let url = format!("{}/{path}", fixtures_url());
    let response: Response =
        JsFuture::from(global_fetch(&url)).await.expect("the fixtures are served").unchecked_into();
    assert!(response.ok(), "{url}: HTTP {}", response.status());
    let body = JsFuture::from(response.array_buffer().expect("a body")).await.expect("the body arrives");
    Uint8Array::new(&body).to_vec()
}

#[derive(Deserialize)]
struct Manifest {
    responses: Vec<ResponseFixture>,
}

#[derive(Deserialize)]
struct ResponseFixture {
    name: String,
    operation: String,
    file: String,
    status: u16,
    #[serde(default)]
    headers: serde_json::Map<String, serde_json::Value>,
}

/// What a reading gave: the answer as canonical JSON, or the error's fields that both sides name.
#[derive(Debug, PartialEq)]
enum Read {
    Answer(String),
    Failed { code: String, status: Option<f64>, service_code: Option<String>, request_id: Option<String> },
}

fn core_read(operation: &str, response: &HttpResponse) -> Result<JsValue, Error> {
    let pds = || -> Result<PdsClient, Error> {
        Ok(PdsClient::new(Endpoint::base_url("http://127.0.0.1")?, pds::Credentials::access_token("unused")?))
    };
    let koodrive = || KooDriveClient::new("http://127.0.0.1", koodrive::Credentials::access_token("unused", "unused")?);
    match operation {
        "ListDelta" => parse(&pds()?, ListDeltaRequest::new("1"), response),
        "GetLastCursor" => parse(&pds()?, GetLastCursorRequest::new("1"), response),
        "ListRecyclebin" => parse(&pds()?, ListRecyclebinRequest::new("1"), response),
        "GetFile" => parse(&pds()?, GetFileRequest::in_drive("1", "f"), response),
        "UpdateFile" => parse(&pds()?, UpdateFileRequest::new("1", "f"), response),
        "ListAlbumFiles" => parse(&koodrive()?, ListAlbumFilesRequest::new("a"), response),
        other => panic!("the manifest names an unknown operation {other}"),
    }
}

/// The core's typed answer, as the objects the package's answers were before it read them itself: the core's
/// JSON text through `JSON.parse`.
fn parse<Client, O>(client: &Client, operation: O, response: &HttpResponse) -> Result<JsValue, Error>
where
    O: Operation<Client>,
    <O::Exchange as Exchange>::Output: serde::Serialize,
{
    let output = operation.call(client)?.exchange().parse(response)?;
    let text = serde_json::to_string(&output).expect("an answer is writable as JSON");
    Ok(JSON::parse(&text).expect("the core writes JSON"))
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|value| value.as_string())
}

fn read_core(operation: &str, response: &HttpResponse, signed_url: &JsValue) -> Read {
    match core_read(operation, response) {
        Ok(answer) => Read::Answer(canonical(&answer, signed_url)),
        Err(error) => {
            let api = match &error {
                Error::Api(api) | Error::RateLimited { api, .. } => Some(api),
                _ => None,
            };
            Read::Failed {
                code: error.code().to_owned(),
                status: api.map(|api| f64::from(api.status)),
                service_code: api.map(|api| api.code.clone()).filter(|code| !code.is_empty()),
                request_id: api.and_then(|api| api.request_id.clone()),
            }
        }
    }
}

fn read_package(operation: &str, response: &HttpResponse, signed_url: &JsValue) -> Read {
    let headers = response.headers.iter().flat_map(|(name, value)| [name.clone(), value.clone()]).collect();
    match drivekit_wasm::decode_response(operation, response.status, headers, &response.body) {
        Ok(answer) => Read::Answer(canonical(&answer, signed_url)),
        Err(error) => Read::Failed {
            code: text(&error, "code").unwrap_or_default(),
            status: Reflect::get(&error, &JsValue::from_str("status")).ok().and_then(|status| status.as_f64()),
            service_code: text(&error, "serviceCode").filter(|code| !code.is_empty()),
            request_id: text(&error, "requestId"),
        },
    }
}

#[wasm_bindgen_test]
async fn every_response_fixture_reads_the_same_through_the_engine_and_through_the_core() {
    let manifest: Manifest = serde_json::from_slice(&fetched("manifest.json").await).expect("the manifest reads");
    let signed_url = drivekit_wasm::signed_url_class();
    let mut differing = Vec::new();
    for fixture in &manifest.responses {
        let mut response = HttpResponse::new(fixture.status, fetched(&fixture.file).await);
        for (name, value) in &fixture.headers {
            response.headers.push((name.clone(), value.as_str().unwrap_or_default().to_owned()));
        }
        let (core, package) = (
            read_core(&fixture.operation, &response, &signed_url),
            read_package(&fixture.operation, &response, &signed_url),
        );
        if core != package {
            differing.push(format!("{}:\n  core:    {core:?}\n  package: {package:?}", fixture.name));
        }
    }
    assert!(manifest.responses.len() > 50, "the manifest lists too few fixtures");
    assert!(differing.is_empty(), "read differently:\n{}", differing.join("\n"));
}
