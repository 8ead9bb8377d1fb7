//! PDS over real HTTP, with the core building every request and reading every answer.

mod support;

use std::collections::HashSet;

use drivekit_core::paginate::Pages;
use drivekit_core::pds::{
    CheckNameMode, Credentials, DeltaOp, GetFileRequest, GetLastCursorRequest, ListDeltaRequest, ListRecyclebinRequest,
    UpdateFileRequest,
};
use drivekit_core::{ApiErrorKind, Error};
use drivekit_mock::{
    Config, DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_SHARE_TOKEN, DRIVE_ID, GENERATED_TRASH, SHARE_ID,
    SYNC_ROOT_ID, Seed,
};
use reqwest::Method;
use serde_json::{Value, json};
use support::{Harness, api_error};

/// The page's sample file, in the recycle bin.
const SAMPLE_FILE: &str = "5d79206586bb5dd69fb34c349282718146c55da7";
/// The live `1.mov` beside it.
const LIVE_MOV: &str = "3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d";
/// GetFile's and UpdateFile's example file id.
const EXAMPLE_FILE: &str = "9520943DC264";

/// Follows a delta feed to `has_more: false`; answers the changes and the cursor to resume from.
async fn sync(harness: &Harness, request: ListDeltaRequest) -> (Vec<(String, DeltaOp)>, String) {
    let client = harness.pds();
    let mut pages = Pages::new(request);
    let mut changes = Vec::new();
    while let Some(request) = pages.next_request() {
        let page = harness.run(client.call(request.clone()).unwrap()).await.unwrap();
        for item in page.items.clone().unwrap_or_default() {
            changes.push((item.file_id.unwrap(), item.op.unwrap()));
        }
        pages.advance(&page).unwrap();
    }
    (changes, pages.position().unwrap().to_owned())
}

#[tokio::test]
async fn a_full_delta_sync_sees_every_seeded_change_once_then_the_new_ones() {
    let harness = Harness::start().await;
    let seed = Seed::reference();
    let files = &seed.drives[0].files;
    let (changes, cursor) =
        sync(&harness, ListDeltaRequest { limit: Some(30), ..ListDeltaRequest::new(DRIVE_ID) }).await;

    let trashed = files.iter().filter(|file| file.trashed == Some(true)).count();
    assert_eq!(changes.len(), files.len() + trashed);
    assert_eq!(changes.iter().collect::<HashSet<_>>().len(), changes.len(), "a change was seen twice");
    let created: HashSet<&str> =
        changes.iter().filter(|(_, op)| *op == DeltaOp::Create).map(|(id, _)| id.as_str()).collect();
    assert!(files.iter().all(|file| created.contains(file.file_id.as_deref().unwrap())));

    let (status, made) =
        harness.control(Method::POST, "/files", json!({"name": "new.txt", "parent_file_id": SYNC_ROOT_ID})).await;
    assert_eq!(status, 201);
    let id = made["file_id"].as_str().unwrap().to_owned();
    for (action, body) in [
        ("rename", json!({"name": "renamed.txt"})),
        ("move", json!({"parent_file_id": "root"})),
        ("trash", Value::Null),
        ("restore", Value::Null),
        ("delete", Value::Null),
    ] {
        let (status, answer) = harness.control(Method::POST, &format!("/files/{id}/{action}"), body).await;
        assert_eq!(status, 200, "{action}: {answer}");
    }
    let resumed = ListDeltaRequest { cursor: Some(cursor), ..ListDeltaRequest::new(DRIVE_ID) };
    let (later, _) = sync(&harness, resumed).await;
    let ops: Vec<DeltaOp> = later.iter().map(|(file_id, op)| (assert_eq!(file_id, &id), op.clone()).1).collect();
    use DeltaOp::*;
    assert_eq!(ops, [Create, Rename, Move, Trash, Restore, Delete]);
}

#[tokio::test]
async fn get_last_cursor_starts_the_feed_at_now_and_sync_root_scopes_it() {
    let harness = Harness::start().await;
    let client = harness.pds();
    let last = harness.run(client.call(GetLastCursorRequest::new(DRIVE_ID)).unwrap()).await.unwrap();
    let from_now = ListDeltaRequest { cursor: last.cursor.clone(), ..ListDeltaRequest::new(DRIVE_ID) };
    assert!(sync(&harness, from_now.clone()).await.0.is_empty());

    harness.control(Method::POST, &format!("/files/{EXAMPLE_FILE}/rename"), json!({"name": "cat.jpg"})).await;
    harness.control(Method::POST, &format!("/files/{LIVE_MOV}/trash"), Value::Null).await;
    assert_eq!(sync(&harness, from_now.clone()).await.0.len(), 2);
    let scoped = ListDeltaRequest { sync_root_id: Some(SYNC_ROOT_ID.to_owned()), ..from_now };
    // The photo is below the synced folder; the video is not.
    assert_eq!(sync(&harness, scoped).await.0, [(EXAMPLE_FILE.to_owned(), DeltaOp::Rename)]);
}

#[tokio::test]
async fn recyclebin_pages_visit_every_item_once_in_name_order() {
    let harness = Harness::start().await;
    let client = harness.pds();
    let mut pages = Pages::new(ListRecyclebinRequest { limit: Some(7), ..ListRecyclebinRequest::new(DRIVE_ID) });
    let mut seen = Vec::new();
    while let Some(request) = pages.next_request() {
        let page = harness.run(client.call(request.clone()).unwrap()).await.unwrap();
        seen.extend(page.items.clone().unwrap_or_default());
        pages.advance(&page).unwrap();
    }
    assert_eq!(seen.len(), GENERATED_TRASH + 1);
    let ids: HashSet<_> = seen.iter().map(|file| file.file_id.clone()).collect();
    assert_eq!(ids.len(), seen.len());
    let names: Vec<_> = seen.iter().map(|file| file.name.clone().unwrap()).collect();
    assert!(names.windows(2).all(|pair| pair[0] <= pair[1]), "not in name order");
    assert!(seen.iter().all(|file| file.trashed == Some(true) && file.creator_id.is_none()));
}

#[tokio::test]
async fn get_file_signs_urls_for_the_asked_lifetime_and_reads_shares_with_a_share_token() {
    let harness = Harness::start().await;
    let request = GetFileRequest { url_expire_sec: Some(100), ..GetFileRequest::in_drive(DRIVE_ID, SAMPLE_FILE) };
    let before = support::tick().unix_ms / 1000;
    let file = harness.run(harness.pds().call(request).unwrap()).await.unwrap();
    assert_eq!(file.name.as_deref(), Some("1.mov"));
    let url = file.download_url.unwrap().into_string();
    let expires: u64 = url.split("x-oss-expires=").nth(1).unwrap().split('&').next().unwrap().parse().unwrap();
    assert!((before + 100..=before + 102).contains(&expires), "{url}");
    assert!(file.investigation_info.is_none());

    let named =
        GetFileRequest { fields: Some("investigation_info".into()), ..GetFileRequest::in_drive(DRIVE_ID, SAMPLE_FILE) };
    let file = harness.run(harness.pds().call(named).unwrap()).await.unwrap();
    assert!(file.investigation_info.is_some() && file.download_url.is_none());

    let share = harness.pds_with(Credentials::share_token(DEFAULT_SHARE_TOKEN).unwrap());
    let shared = harness.run(share.call(GetFileRequest::in_share(SHARE_ID, EXAMPLE_FILE)).unwrap()).await.unwrap();
    assert_eq!(shared.file_id.as_deref(), Some(EXAMPLE_FILE));
    let refused = api_error(harness.run(share.call(ListDeltaRequest::new(DRIVE_ID)).unwrap()).await);
    assert_eq!((refused.status, refused.code.as_str()), (403, "ForbiddenNoPermission"));
    let wrong = harness.pds_with(Credentials::share_token("wrong").unwrap());
    let refused = api_error(harness.run(wrong.call(GetFileRequest::in_share(SHARE_ID, EXAMPLE_FILE)).unwrap()).await);
    assert_eq!((refused.status, refused.kind), (401, ApiErrorKind::Unauthorized));
}

#[tokio::test]
async fn update_file_honours_check_name_mode() {
    let harness = Harness::start().await;
    let client = harness.pds();
    let rename = |mode| UpdateFileRequest {
        name: Some("1.mov".into()),
        check_name_mode: mode,
        ..UpdateFileRequest::new(DRIVE_ID, EXAMPLE_FILE)
    };
    // Move the photo beside the live 1.mov first, so that the name is taken.
    let videos = "3d5b846942cf94fa72324c8a4bda34e81da635a";
    harness.control(Method::POST, &format!("/files/{EXAMPLE_FILE}/move"), json!({"parent_file_id": videos})).await;

    let refused = api_error(harness.run(client.call(rename(Some(CheckNameMode::Refuse))).unwrap()).await);
    assert_eq!(
        (refused.status, refused.code.as_str(), refused.kind),
        (409, "AlreadyExist.File", ApiErrorKind::Conflict)
    );
    let (_, body) = harness
        .post_pds(
            "/v2/file/update",
            json!({"drive_id": "1", "file_id": EXAMPLE_FILE, "name": "1.mov", "check_name_mode": "refuse"}),
        )
        .await;
    assert_eq!(body["file_id"], LIVE_MOV);

    let renamed = harness.run(client.call(rename(Some(CheckNameMode::AutoRename))).unwrap()).await.unwrap();
    let name = renamed.name.unwrap();
    assert!(name.starts_with("1_") && name.ends_with(".mov") && name.len() == "1_20060102_150405.mov".len(), "{name}");

    let duplicate = harness.run(client.call(rename(None)).unwrap()).await.unwrap();
    assert_eq!(duplicate.name.as_deref(), Some("1.mov"));

    let update = UpdateFileRequest {
        description: Some("VIP user".into()),
        labels: Some(vec!["animal".into()]),
        starred: Some(true),
        ..UpdateFileRequest::new(DRIVE_ID, EXAMPLE_FILE)
    };
    let updated = harness.run(client.call(update).unwrap()).await.unwrap();
    assert_eq!((updated.description.as_deref(), updated.starred), (Some("VIP user"), Some(true)));
    assert_eq!(updated.labels, Some(vec!["animal".to_owned()]));
}

#[tokio::test]
async fn every_documented_limit_is_refused_in_the_service_shape() {
    let harness = Harness::start().await;
    let cases = [
        ("/v2/file/list_delta", json!({"drive_id": "1", "limit": 101}), "InvalidParameter.Limit"),
        ("/v2/file/list_delta", json!({"limit": 10}), "InvalidParameter.DriveId"),
        ("/v2/file/list_delta", json!({"drive_id": "1", "cursor": "not-ours"}), "InvalidParameter.Cursor"),
        ("/v2/recyclebin/list", json!({"drive_id": "1", "limit": 0}), "InvalidParameter.Limit"),
        ("/v2/recyclebin/list", json!({"drive_id": "1", "limit": 201}), "InvalidParameter.Limit"),
        (
            "/v2/recyclebin/list",
            json!({"drive_id": "1", "thumbnail_processes": {"a":{},"b":{},"c":{},"d":{},"e":{},"f":{}}}),
            "InvalidParameter.ThumbnailProcesses",
        ),
        (
            "/v2/file/get",
            json!({"drive_id": "1", "file_id": "x", "url_expire_sec": 9}),
            "InvalidParameter.UrlExpireSec",
        ),
        (
            "/v2/file/get",
            json!({"drive_id": "1", "file_id": "x", "url_expire_sec": 14401}),
            "InvalidParameter.UrlExpireSec",
        ),
        ("/v2/file/get", json!({"drive_id": "1", "share_id": SHARE_ID, "file_id": "x"}), "InvalidParameter.DriveId"),
        (
            "/v2/file/update",
            json!({"drive_id": "1", "file_id": "x", "name": "a".repeat(1025)}),
            "InvalidParameter.Name",
        ),
        (
            "/v2/file/update",
            json!({"drive_id": "1", "file_id": "x", "description": "é".repeat(1025)}),
            "InvalidParameter.Description",
        ),
        (
            "/v2/file/update",
            json!({"drive_id": "1", "file_id": "x", "labels": vec!["l"; 101]}),
            "InvalidParameter.Labels",
        ),
        (
            "/v2/file/update",
            json!({"drive_id": "1", "file_id": "x", "labels": ["x".repeat(129)]}),
            "InvalidParameter.Labels",
        ),
        (
            "/v2/file/update",
            json!({"drive_id": "1", "file_id": "x", "check_name_mode": "overwrite"}),
            "InvalidParameter.CheckNameMode",
        ),
        (
            "/v2/file/update",
            json!({"drive_id": "1", "file_id": "x", "local_modified_at": "2019-08-20T06:51:27+08:00"}),
            "InvalidParameter.LocalModifiedAt",
        ),
    ];
    for (path, body, code) in cases {
        let (status, answer) = harness.post_pds(path, body.clone()).await;
        assert_eq!((status, answer["code"].as_str()), (400, Some(code)), "{path} {body}");
        assert!(answer["requestId"].as_str().is_some_and(|id| !id.is_empty()));
    }
    let limits_at_the_edge = [json!({"drive_id": "1", "limit": 100}), json!({"drive_id": "1", "limit": 0})];
    for body in limits_at_the_edge {
        assert_eq!(harness.post_pds("/v2/file/list_delta", body).await.0, 200);
    }
    let (status, answer) = harness.post_pds("/v2/file/get", json!({"drive_id": "1", "file_id": "nope"})).await;
    assert_eq!((status, answer["code"].as_str()), (404, Some("NotFound.File")));
    let (status, answer) = harness.post_pds("/v2/file/get_last_cursor", json!({"drive_id": "2"})).await;
    assert_eq!((status, answer["code"].as_str()), (404, Some("NotFound.Drive")));
}

#[tokio::test]
async fn bearer_tokens_and_access_key_signatures_are_checked() {
    let harness = Harness::start().await;
    let wrong = harness.pds_with(Credentials::access_token("not-the-token").unwrap());
    let refused = api_error(harness.run(wrong.call(ListDeltaRequest::new(DRIVE_ID)).unwrap()).await);
    assert_eq!((refused.status, refused.code.as_str()), (401, "AccessTokenInvalid"));
    assert!(refused.request_id.is_some());

    let signed = harness.pds_with(Credentials::access_key(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET).unwrap());
    assert!(harness.run(signed.call(GetLastCursorRequest::new(DRIVE_ID)).unwrap()).await.is_ok());
    let badly_signed = harness.pds_with(Credentials::access_key(DEFAULT_ACCESS_KEY_ID, "wrong-secret").unwrap());
    let refused = api_error(harness.run(badly_signed.call(GetLastCursorRequest::new(DRIVE_ID)).unwrap()).await);
    assert_eq!((refused.status, refused.code.as_str()), (403, "SignatureDoesNotMatch"));
}

/// The requests the official SDK sent, replayed byte for byte: accepted as signed, refused once altered.
#[tokio::test]
async fn the_official_sdks_signed_requests_are_accepted_unchanged() {
    let config = Config { access_key_id: "AKID".into(), access_key_secret: "SECRET".into(), ..Config::default() };
    let harness = Harness::start_with(config).await;
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/pds/signing");
    let mut replayed = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "json") {
            continue;
        }
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if vector["access_key_id"] != "AKID" {
            continue;
        }
        for tamper in [false, true] {
            let mut request = harness.http.post(harness.url(vector["path"].as_str().unwrap()));
            for (name, value) in vector["headers"].as_object().unwrap() {
                if ["host", "content-length"].contains(&name.as_str()) {
                    continue;
                }
                let value = value.as_str().unwrap();
                let value = if tamper && name == "x-acs-signature-nonce" { "0" } else { value };
                request = request.header(name, value);
            }
            let response = request.body(vector["body"].as_str().unwrap().to_owned()).send().await.unwrap();
            // Accepted means past auth: a resumed feed's foreign cursor is still refused, as a bad parameter.
            let status = response.status().as_u16();
            let accepted = status == 200 || status == 400;
            assert_eq!((accepted, status == 403), (!tamper, tamper), "{} tampered: {tamper}", path.display());
        }
        replayed += 1;
    }
    assert!(replayed >= 3, "only {replayed} vectors replayed");
}

#[tokio::test]
async fn browsers_get_cors_preflights_and_headers() {
    let harness = Harness::start().await;
    let preflight = harness
        .http
        .request(Method::OPTIONS, harness.url("/v2/file/list_delta"))
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization,content-type,x-acs-bearer-token")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "http://localhost:5173");
    assert!(headers["access-control-allow-headers"].to_str().unwrap().contains("authorization"));

    let answer = harness.http.post(harness.url("/v2/file/get_last_cursor")).header("origin", "http://localhost:5173");
    let answer = answer.bearer_auth("wrong").body("{}").send().await.unwrap();
    assert_eq!(answer.status().as_u16(), 401);
    assert_eq!(answer.headers()["access-control-allow-origin"], "http://localhost:5173");
    assert!(answer.headers()["access-control-expose-headers"].to_str().unwrap().contains("retry-after"));
}

#[tokio::test]
async fn reset_puts_the_seed_back() {
    let harness = Harness::start().await;
    harness.control(Method::POST, &format!("/files/{EXAMPLE_FILE}/delete"), Value::Null).await;
    let gone = harness.run(harness.pds().call(GetFileRequest::in_drive(DRIVE_ID, EXAMPLE_FILE)).unwrap()).await;
    assert!(matches!(gone, Err(Error::Api(ref api)) if api.code == "NotFound.File"), "{gone:?}");
    assert_eq!(harness.control(Method::POST, "/reset", Value::Null).await.0, 204);
    let back = harness.run(harness.pds().call(GetFileRequest::in_drive(DRIVE_ID, EXAMPLE_FILE)).unwrap()).await;
    assert!(back.is_ok());
}
