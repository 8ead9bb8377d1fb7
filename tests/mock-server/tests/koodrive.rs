//! KooDrive's album listing over real HTTP, with the core building the requests and reading the pages.

mod support;

use std::collections::HashSet;

use drivekit_core::Timestamp;
use drivekit_core::koodrive::{AlbumContent, ListAlbumFilesRequest, SortDirection, SortType, x_date};
use drivekit_core::paginate::Pages;
use drivekit_mock::{ALBUM_ID, DEFAULT_TOKEN, GENERATED_ALBUM_ITEMS};
use reqwest::Method;
use serde_json::{Value, json};
use support::{Harness, api_error, tick};

const ALBUM_SIZE: usize = GENERATED_ALBUM_ITEMS + 2;

/// Lists the whole album; answers the files and each page's size and `total`.
async fn list(harness: &Harness, request: ListAlbumFilesRequest) -> (Vec<AlbumContent>, Vec<(usize, u64)>) {
    let client = harness.koodrive();
    let mut pages = Pages::new(request);
    let (mut files, mut sizes) = (Vec::new(), Vec::new());
    while let Some(request) = pages.next_request() {
        let page = harness.run(client.call(request.clone()).unwrap()).await.unwrap();
        let content = page.content_list.clone().unwrap_or_default();
        sizes.push((content.len(), page.total.unwrap()));
        files.extend(content);
        pages.advance(&page).unwrap();
    }
    (files, sizes)
}

fn time_of(file: &AlbumContent, sort: SortType) -> i64 {
    let stamp = match sort {
        SortType::ShootingTime => &file.take_time,
        SortType::CreationTime => &file.created_time,
        SortType::UpdateTime => &file.edited_time,
    };
    stamp.as_ref().and_then(Timestamp::unix_millis).unwrap_or(i64::MIN)
}

#[tokio::test]
async fn album_pages_visit_every_file_once_in_each_documented_order() {
    let harness = Harness::start().await;
    for sort in [SortType::ShootingTime, SortType::CreationTime, SortType::UpdateTime] {
        for direction in [SortDirection::Ascending, SortDirection::Descending] {
            let request = ListAlbumFilesRequest {
                page_size: Some(37),
                sort_type: Some(sort),
                sort_direction: Some(direction),
                ..ListAlbumFilesRequest::new(ALBUM_ID)
            };
            let (files, sizes) = list(&harness, request).await;
            assert_eq!(files.len(), ALBUM_SIZE, "{sort:?} {direction:?}");
            assert_eq!(files.iter().map(|file| file.id.clone()).collect::<HashSet<_>>().len(), ALBUM_SIZE);
            let times: Vec<i64> = files.iter().map(|file| time_of(file, sort)).collect();
            let ordered = match direction {
                SortDirection::Ascending => times.windows(2).all(|pair| pair[0] <= pair[1]),
                SortDirection::Descending => times.windows(2).all(|pair| pair[0] >= pair[1]),
            };
            assert!(ordered, "{sort:?} {direction:?}");
            assert!(sizes.iter().all(|(_, total)| *total == ALBUM_SIZE as u64));
        }
    }
    // By default: creation time, newest first (a manual album).
    let (files, _) = list(&harness, ListAlbumFilesRequest::new(ALBUM_ID)).await;
    let times: Vec<i64> = files.iter().map(|file| time_of(file, SortType::CreationTime)).collect();
    assert!(times.windows(2).all(|pair| pair[0] >= pair[1]));
}

#[tokio::test]
async fn with_quirks_pages_run_short_or_empty_and_total_disagrees_yet_nothing_is_lost() {
    let harness = Harness::start().await;
    let (status, _) = harness.control(Method::PUT, "/koodrive/quirks", json!({"enabled": true})).await;
    assert_eq!(status, 204);
    let (files, sizes) =
        list(&harness, ListAlbumFilesRequest { page_size: Some(40), ..ListAlbumFilesRequest::new(ALBUM_ID) }).await;
    assert_eq!(files.len(), ALBUM_SIZE);
    assert_eq!(files.iter().map(|file| file.id.clone()).collect::<HashSet<_>>().len(), ALBUM_SIZE);
    let before_last = &sizes[..sizes.len() - 1];
    assert!(before_last.iter().any(|(size, _)| *size == 0), "{sizes:?}");
    assert!(before_last.iter().any(|(size, _)| *size > 0 && *size < 40), "{sizes:?}");
    assert!(sizes.iter().all(|(_, total)| *total != ALBUM_SIZE as u64));
}

#[tokio::test]
async fn bad_parameters_and_unknown_albums_get_eight_digit_codes() {
    let harness = Harness::start().await;
    let client = harness.koodrive();
    let missing = api_error(harness.run(client.call(ListAlbumFilesRequest::new("404")).unwrap()).await);
    assert_eq!((missing.status, missing.code.as_str()), (400, "13000006"));
    for (query, code) in [
        ("pageSize=0", 13_000_001),
        ("pageSize=101", 13_000_001),
        ("sortType=4", 13_000_002),
        ("sortDirection=0", 13_000_003),
        ("pageCursor=nowhere", 13_000_004),
    ] {
        let (status, body) = get(&harness, query, headers()).await;
        assert_eq!((status, body["code"].as_u64()), (400, Some(code)), "{query}");
        assert!(body["msg"].as_str().is_some());
    }
}

#[tokio::test]
async fn headers_are_checked_as_the_page_says() {
    let harness = Harness::start().await;
    let now = tick().unix_ms;
    assert_eq!(get(&harness, "pageCursor=0", headers()).await.0, 200);

    let mut no_token = headers();
    no_token.retain(|(name, _)| *name != "authorization");
    let (status, body) = get(&harness, "", no_token).await;
    assert_eq!((status, body["error_code"].as_str()), (401, Some("APIGW.0301")));

    for date in
        [x_date::format(now - 16 * 60 * 1000), x_date::format(now + 60 * 1000), "2025-11-03T07:01:40Z".to_owned()]
    {
        let mut stale = headers();
        stale.retain(|(name, _)| *name != "x-date");
        stale.push(("x-date", date.clone()));
        let (status, body) = get(&harness, "", stale).await;
        assert_eq!((status, body["code"].as_u64()), (400, Some(13_000_005)), "{date}");
    }
    let mut anonymous = headers();
    anonymous.retain(|(name, _)| *name != "x-user-id");
    assert_eq!(get(&harness, "", anonymous).await.1["code"].as_u64(), Some(13_000_005));
}

fn headers() -> Vec<(&'static str, String)> {
    vec![
        ("authorization", format!("Bearer {DEFAULT_TOKEN}")),
        ("x-date", x_date::format(tick().unix_ms)),
        ("x-user-id", "1765263620687613825".to_owned()),
    ]
}

async fn get(harness: &Harness, query: &str, headers: Vec<(&'static str, String)>) -> (u16, Value) {
    let mut request = harness.http.get(harness.url(&format!("/koodrive/ose/v1/album/{ALBUM_ID}/list?{query}")));
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}
