//! A large generated drive (`--files N`), served correctly at its far end: the last pages of its feed, its last
//! photo by id, a name clash with it, and a change to it that a reset undoes. Correctness only: the README says
//! what a file costs in memory and how to measure it.

mod support;

use std::collections::HashSet;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use drivekit_core::pds::{
    CheckNameMode, DeltaOp, File, GetFileRequest, GetLastCursorRequest, ListDeltaRequest, ListRecyclebinRequest,
    UpdateFileRequest,
};
use drivekit_mock::{Config, DRIVE_ID, ROOT_ID, SeedSource};
use reqwest::Method;
use serde_json::{Value, json};
use support::{Harness, api_error};

/// Large enough that anything kept per file or scanned per request would show, small enough for a debug build.
const FILES: usize = 200_000;

/// The feed's cursor at `position`. Clients treat cursors as opaque; this test knows the mock's own form so that
/// it can start near the end instead of reading 2,000 pages.
fn cursor_at(position: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("mock-delta:{position}"))
}

/// The file as ListDelta shows it: GetFile's answer without the signed URLs it adds.
fn without_urls(file: File) -> File {
    File { download_url: None, url: None, thumbnail: None, ..file }
}

#[tokio::test]
async fn a_large_generated_drive_is_served_to_its_last_file() {
    let harness = Harness::start_with(Config { seed: SeedSource::Synthetic(FILES), ..Config::default() }).await;
    let client = harness.pds();
    let end = harness.run(client.call(GetLastCursorRequest::new(DRIVE_ID)).unwrap()).await.unwrap().cursor;
    assert_eq!(end, Some(cursor_at(FILES)));

    // The last 150 creations: a full page, then a last one of 50 that ends at the feed's newest cursor.
    let from =
        |cursor: String| ListDeltaRequest { cursor: Some(cursor), limit: Some(100), ..ListDeltaRequest::new(DRIVE_ID) };
    let first = harness.run(client.call(from(cursor_at(FILES - 150))).unwrap()).await.unwrap();
    assert_eq!(first.has_more, Some(true));
    let last = harness.run(client.call(from(first.cursor.clone().unwrap())).unwrap()).await.unwrap();
    assert_eq!((last.has_more, &last.cursor), (Some(false), &end));
    let items: Vec<_> = first.items.unwrap().into_iter().chain(last.items.unwrap()).collect();
    assert_eq!(items.len(), 150);
    for (item, index) in items.iter().zip(FILES - 150..) {
        let file = item.file.as_ref().unwrap();
        assert_eq!(item.op, Some(DeltaOp::Create));
        assert_eq!(item.file_id, file.file_id);
        assert_eq!(file.name, Some(format!("IMG_{index:05}.jpg")));
        assert_eq!((file.parent_file_id.as_deref(), file.drive_id.as_deref()), (Some(ROOT_ID), Some(DRIVE_ID)));
        assert_eq!((file.trashed, file.content_type.as_deref()), (Some(false), Some("image/jpeg")));
        assert!(file.image_media_metadata.is_some() && file.content_hash.is_some(), "{file:?}");
    }
    let ids: HashSet<&str> = items.iter().filter_map(|item| item.file_id.as_deref()).collect();
    assert_eq!(ids.len(), items.len());

    // The last photo by id: the file its creation showed.
    let newest = items.last().unwrap().file.clone().unwrap();
    let newest_id = newest.file_id.clone().unwrap();
    let got = harness.run(client.call(GetFileRequest::in_drive(DRIVE_ID, &newest_id)).unwrap()).await.unwrap();
    assert!(got.download_url.is_some());
    assert_eq!(without_urls(got), newest);

    // Its name is taken for the first photo, among all the others in the root.
    let oldest = ListDeltaRequest { limit: Some(1), ..ListDeltaRequest::new(DRIVE_ID) };
    let oldest = harness.run(client.call(oldest).unwrap()).await.unwrap().items.unwrap().remove(0);
    let first_id = oldest.file_id.unwrap();
    let clash = UpdateFileRequest {
        name: newest.name.clone(),
        check_name_mode: Some(CheckNameMode::Refuse),
        ..UpdateFileRequest::new(DRIVE_ID, &first_id)
    };
    assert_eq!(api_error(harness.run(client.call(clash).unwrap()).await).code, "AlreadyExist.File");
    let (status, body) = harness
        .post_pds(
            "/v2/file/update",
            json!({"drive_id": DRIVE_ID, "file_id": first_id, "name": newest.name, "check_name_mode": "refuse"}),
        )
        .await;
    assert_eq!((status, &body["file_id"]), (409, &json!(newest_id)));

    // Trashing it is the feed's next change, and puts it alone in the recycle bin.
    let (status, _) = harness.control(Method::POST, &format!("/files/{newest_id}/trash"), Value::Null).await;
    assert_eq!(status, 200);
    let after = harness.run(client.call(from(end.clone().unwrap())).unwrap()).await.unwrap();
    let change = &after.items.unwrap()[0];
    assert_eq!((change.op.clone(), change.file_id.as_deref()), (Some(DeltaOp::Trash), Some(newest_id.as_str())));
    assert_eq!(after.cursor, Some(cursor_at(FILES + 1)));
    let bin = harness.run(client.call(ListRecyclebinRequest::new(DRIVE_ID)).unwrap()).await.unwrap();
    let binned: Vec<_> = bin.items.unwrap().into_iter().filter_map(|file| file.file_id).collect();
    assert_eq!(binned, [newest_id.as_str()]);

    // A reset brings it back as generated.
    assert_eq!(harness.control(Method::POST, "/reset", Value::Null).await.0, 204);
    let got = harness.run(client.call(GetFileRequest::in_drive(DRIVE_ID, &newest_id)).unwrap()).await.unwrap();
    assert_eq!(without_urls(got), newest);
    let end_again = harness.run(client.call(GetLastCursorRequest::new(DRIVE_ID)).unwrap()).await.unwrap().cursor;
    assert_eq!(end_again, end);
}
