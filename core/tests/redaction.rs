//! Signed URLs grant access on their own: wherever a model holds one, however deep, its query never prints.

use drivekit_core::call::{Action, Event, Tick};
use drivekit_core::http::HttpResponse;
use drivekit_core::pds::{Credentials, Endpoint, GetFileRequest, PdsClient};

#[test]
fn every_signed_url_in_a_file_prints_without_its_query() {
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/pds/get_file/signed_urls_everywhere.json"
    ))
    .unwrap();
    let client =
        PdsClient::new(Endpoint::base_url("http://127.0.0.1:9").unwrap(), Credentials::access_token("t").unwrap());
    let mut call = client.call(GetFileRequest::in_drive("1", "9520943DC264")).unwrap();
    let tick = Tick { unix_ms: 0, random: 0 };
    let _ = call.step(Event::Start, tick);
    let Action::Done(Ok(file)) = call.step(Event::Response(HttpResponse::new(200, body)), tick) else {
        panic!("the fixture decodes");
    };
    let scene = &file.semantic_result.as_ref().unwrap().scene_contents.as_ref().unwrap()[0];
    assert!(
        scene.key_frames.as_ref().unwrap()[0].thumbnail_url.as_ref().unwrap().as_str().contains("SECRET-SIGNATURE-8")
    );
    let shown = format!("{file:?} {file:#?}");
    assert!(!shown.contains("SECRET"), "{shown}");
    assert_eq!(shown.matches("<redacted>").count(), 16, "each of the eight URLs, in both forms: {shown}");
}
