//! GetLastCursor (`DeltaGetLastCursor`): the newest position of a drive's (or a synced folder's) feed.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use drivekit_core::pds::LastCursor;
use serde::Deserialize;

use super::delta_cursor;
use super::error::PdsError;
use super::request::{PdsCall, required};
use crate::app::App;

#[derive(Deserialize)]
pub(crate) struct GetLastCursorBody {
    drive_id: Option<String>,
    sync_root_id: Option<String>,
}

pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    call: PdsCall<GetLastCursorBody>,
) -> Result<Json<LastCursor>, PdsError> {
    let body = call.owner_body()?;
    let drive_id = required("drive_id", body.drive_id)?;
    let store = app.store();
    let drive = store.drives.get(&drive_id).ok_or_else(|| PdsError::drive_not_found(&drive_id))?;
    if let Some(root) = body.sync_root_id.filter(|root| !root.is_empty()) {
        if !drive.file(&root).is_some_and(|file| file.is_folder()) {
            return Err(PdsError::file_not_found(&root));
        }
    }
    Ok(Json(LastCursor { cursor: Some(delta_cursor::encode(drive.last_position())), ..LastCursor::default() }))
}
