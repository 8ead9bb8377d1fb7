//! Listing an album's files: `pageSize`, `pageCursor`, `sortType`, `sortDirection`, and `total`; optionally
//! with the real service's reported quirks (short and empty pages before the last, a `total` that disagrees).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use drivekit_core::koodrive::{AlbumFilesPage, PAGE_SIZE_MAX, PAGE_SIZE_MIN, SortDirection, SortType};

use super::error::{
    ALBUM_NOT_FOUND, INVALID_PAGE_CURSOR, INVALID_PAGE_SIZE, INVALID_SORT_DIRECTION, INVALID_SORT_TYPE, KooDriveError,
};
use crate::app::App;
use crate::clock::now_unix_ms;

pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    Path(album_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Json<AlbumFilesPage>, KooDriveError> {
    app.credentials.koodrive_caller(&headers, now_unix_ms())?;
    let parameter = |name: &str| query.get(name).map(String::as_str);
    let (min, max) = (PAGE_SIZE_MIN, PAGE_SIZE_MAX);
    let page_size = match parameter("pageSize") {
        None => max,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|size| (min..=max).contains(size))
            .ok_or_else(|| KooDriveError::service(INVALID_PAGE_SIZE, "Invalid parameter: pageSize."))?,
    };
    // The album is a manual one, whose default order is creation time, newest first.
    let sort = match parameter("sortType") {
        None => SortType::CreationTime,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .and_then(|code| SortType::try_from(code).ok())
            .ok_or_else(|| KooDriveError::service(INVALID_SORT_TYPE, "Invalid parameter: sortType."))?,
    };
    let direction = match parameter("sortDirection") {
        None => SortDirection::Descending,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .and_then(|code| SortDirection::try_from(code).ok())
            .ok_or_else(|| KooDriveError::service(INVALID_SORT_DIRECTION, "Invalid parameter: sortDirection."))?,
    };
    let store = app.store();
    let album = store.albums.get(&album_id).ok_or_else(|| {
        KooDriveError::service(ALBUM_NOT_FOUND, "The album does not exist or is not accessible to this user.")
    })?;
    let position = read_cursor(parameter("pageCursor"))
        .filter(|position| position.offset <= album.len())
        .ok_or_else(|| KooDriveError::service(INVALID_PAGE_CURSOR, "Invalid parameter: pageCursor."))?;
    let quirks = app.koodrive_quirks();
    let page_size = usize::try_from(page_size).unwrap_or(1);
    let take = if quirks { quirky_page_size(position.page, page_size) } else { page_size };
    let sorted = album.sorted(sort, direction);
    let items: Vec<_> = sorted.iter().skip(position.offset).take(take).map(|item| (*item).clone()).collect();
    let end = position.offset + items.len();
    let next = if end < sorted.len() {
        write_cursor(Position { offset: end, page: position.page + 1 })
    } else {
        String::new()
    };
    // The page's own sample says `total: 3` beside two files.
    let total = sorted.len() as u64 + u64::from(quirks);
    drop(store);
    Ok(Json(AlbumFilesPage {
        content_list: Some(items),
        next_page_cursor: Some(next),
        total: Some(total),
        code: Some(0),
        msg: Some("Success.".to_owned()),
        ..AlbumFilesPage::default()
    }))
}

/// Where a listing is: how many files it has passed, and how many pages it has returned (so that a cursor
/// never repeats, even after an empty page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    offset: usize,
    page: usize,
}

/// No cursor, an empty one and `0` (the page's example request) all start at the beginning.
fn read_cursor(cursor: Option<&str>) -> Option<Position> {
    match cursor {
        None | Some("") | Some("0") => Some(Position { offset: 0, page: 0 }),
        Some(text) => {
            let (offset, page) = text.split_once('-')?;
            Some(Position { offset: offset.parse().ok()?, page: page.parse().ok()? })
        }
    }
}

fn write_cursor(position: Position) -> String {
    format!("{}-{}", position.offset, position.page)
}

/// With quirks on, every third page is empty and the one after it half full, before the last as well.
fn quirky_page_size(page: usize, page_size: usize) -> usize {
    match page % 3 {
        1 => 0,
        2 => (page_size / 2).max(1),
        _ => page_size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_the_page_example_starts_the_listing() {
        let position = Position { offset: 200, page: 3 };
        assert_eq!(read_cursor(Some(&write_cursor(position))), Some(position));
        assert_eq!(read_cursor(Some("0")), Some(Position { offset: 0, page: 0 }));
        assert_eq!(read_cursor(Some("garbage")), None);
    }
}
