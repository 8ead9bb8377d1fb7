//! Reading a response body exactly as a call would, without a network: what the benchmark measures.

use drivekit_core::Error;
use drivekit_core::call::{Exchange, Operation};
use drivekit_core::http::HttpResponse;
use drivekit_core::koodrive::{self, KooDriveClient, ListAlbumFilesRequest};
use drivekit_core::pds::{
    self, Endpoint, GetFileRequest, GetLastCursorRequest, ListDeltaRequest, ListRecyclebinRequest, PdsClient,
    UpdateFileRequest,
};
use wasm_bindgen::prelude::*;

use crate::answers::EngineRun;
use crate::errors::to_js;

/// Reads `body`, answered with `status` and `headers` (pairs of name and value), as `operation`'s result
/// (`ListDelta`, `GetFile`, `ListAlbumFiles`, …), into the same objects a call resolves to; not part of the
/// package's public API.
#[wasm_bindgen(js_name = decodeResponse)]
pub fn decode_response(operation: &str, status: u16, headers: Vec<String>, body: &[u8]) -> Result<JsValue, JsValue> {
    let mut response = HttpResponse::new(status, body);
    for pair in headers.chunks_exact(2) {
        response.headers.push((pair[0].clone(), pair[1].clone()));
    }
    let pds = pds_client;
    let decoded = match operation {
        "ListDelta" => pds().and_then(|client| parse(&client, ListDeltaRequest::new("1"), &response)),
        "GetLastCursor" => pds().and_then(|client| parse(&client, GetLastCursorRequest::new("1"), &response)),
        "ListRecyclebin" => pds().and_then(|client| parse(&client, ListRecyclebinRequest::new("1"), &response)),
        "GetFile" => pds().and_then(|client| parse(&client, GetFileRequest::in_drive("1", "f"), &response)),
        "UpdateFile" => pds().and_then(|client| parse(&client, UpdateFileRequest::new("1", "f"), &response)),
        "ListAlbumFiles" => {
            koodrive_client().and_then(|client| parse(&client, ListAlbumFilesRequest::new("a"), &response))
        }
        _ => Err(Error::InvalidArgument { field: "operation", rule: format!("{operation:?} is not an operation") }),
    };
    decoded.map_err(|error| to_js(&error))
}

fn pds_client() -> Result<PdsClient, Error> {
    Ok(PdsClient::new(Endpoint::base_url("http://127.0.0.1")?, pds::Credentials::access_token("unused")?))
}

fn koodrive_client() -> Result<KooDriveClient, Error> {
    KooDriveClient::new("http://127.0.0.1", koodrive::Credentials::access_token("unused", "unused")?)
}

fn parse<Client, O>(client: &Client, operation: O, response: &HttpResponse) -> Result<JsValue, Error>
where
    EngineRun<O>: Operation<Client>,
    <EngineRun<O> as Operation<Client>>::Exchange: Exchange<Output = JsValue>,
{
    EngineRun(operation).call(client)?.exchange().parse(response)
}
