//! ListDelta: the changes after a cursor, oldest first, `has_more` while more follow.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use drivekit_core::pds::{DeltaPage, LIST_DELTA_MAX_LIMIT};
use serde::Deserialize;

use super::delta_cursor;
use super::error::PdsError;
use super::request::{PdsCall, required};
use crate::app::App;

#[derive(Deserialize)]
pub(crate) struct ListDeltaBody {
    drive_id: Option<String>,
    sync_root_id: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
}

pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    call: PdsCall<ListDeltaBody>,
) -> Result<Json<DeltaPage>, PdsError> {
    let body = call.owner_body()?;
    let drive_id = required("drive_id", body.drive_id)?;
    let max = LIST_DELTA_MAX_LIMIT;
    let limit = match body.limit {
        // The page allows 0 without saying what it means; read as the default, since a page of nothing
        // would hand back the same cursor forever.
        None | Some(0) => max,
        Some(limit) if (0..=max).contains(&limit) => limit,
        Some(_) => return Err(PdsError::invalid("limit", &format!("It must be between 0 and {max}."))),
    };
    let store = app.store();
    let drive = store.drives.get(&drive_id).ok_or_else(|| PdsError::drive_not_found(&drive_id))?;
    let sync_root = body.sync_root_id.filter(|root| !root.is_empty());
    if let Some(root) = &sync_root {
        if !drive.file(root).is_some_and(|file| file.is_folder()) {
            return Err(PdsError::file_not_found(root));
        }
    }
    let position = match body.cursor.as_deref() {
        None | Some("") => 0,
        Some(cursor) => delta_cursor::decode(cursor)
            .filter(|position| *position <= drive.last_position())
            .ok_or_else(|| PdsError::invalid("cursor", "It was not returned by this drive's feed."))?,
    };
    let page = drive.changes_after(position, usize::try_from(limit).unwrap_or(0), sync_root.as_deref());
    drop(store);
    Ok(Json(DeltaPage {
        items: Some(page.items()),
        has_more: Some(page.has_more),
        cursor: Some(delta_cursor::encode(page.position)),
        ..DeltaPage::default()
    }))
}
