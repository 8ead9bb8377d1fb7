//! The test-control API under `/__mock/`: change files (each change recorded in the delta feed), reset to the
//! seed, arm faults, read the request log, switch KooDrive's quirks. Errors come in PDS's shape.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use axum::{Json, Router};
use drivekit_core::pds::{DeltaOp, File};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::app::{App, lock};
use crate::drive::Drive;
use crate::faults::FaultRule;
use crate::pds::error::PdsError;
use crate::seed::{DRIVE_ID, ROOT_ID};

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/reset", post(reset))
        .route("/files", post(create))
        .route("/files/{file_id}/{action}", post(change))
        .route("/faults", post(arm_fault).get(list_faults).delete(clear_faults))
        .route("/requests", axum::routing::get(list_requests).delete(clear_requests))
        .route("/koodrive/quirks", put(set_quirks))
        .route("/rate_limit", put(set_rate_limit))
}

/// Reads an optional JSON body: empty means every member takes its default.
fn read<T: DeserializeOwned + Default>(body: &Bytes) -> Result<T, PdsError> {
    if body.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|err| PdsError::malformed_body(&err.to_string()))
}

/// Content back to the seed; faults disarmed; the request log emptied.
async fn reset(State(app): State<Arc<App>>) -> StatusCode {
    app.reset();
    lock(&app.faults).clear();
    lock(&app.requests).clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize, Default)]
struct NewFile {
    drive_id: Option<String>,
    parent_file_id: Option<String>,
    file_id: Option<String>,
    name: Option<String>,
    #[serde(rename = "type")]
    file_type: Option<String>,
    size: Option<u64>,
}

async fn create(State(app): State<Arc<App>>, body: Bytes) -> Result<Response, PdsError> {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let new: NewFile = read(&body)?;
    let name = new.name.filter(|name| !name.is_empty()).ok_or_else(|| PdsError::invalid("name", "It is required."))?;
    let file_type = new.file_type.unwrap_or_else(|| "file".to_owned());
    if file_type != "file" && file_type != "folder" {
        return Err(PdsError::invalid("type", "It must be file or folder."));
    }
    let file_id = new.file_id.unwrap_or_else(|| {
        format!("{:040x}", 0x6d6f_636b_u128 << 96 | u128::from(NEXT_ID.fetch_add(1, Ordering::Relaxed)))
    });
    let is_file = file_type == "file";
    let file = File {
        file_id: Some(file_id),
        file_extension: name.rsplit_once('.').filter(|_| is_file).map(|(_, extension)| extension.to_owned()),
        name: Some(name),
        file_type: Some(file_type),
        parent_file_id: Some(new.parent_file_id.unwrap_or_else(|| ROOT_ID.to_owned())),
        size: is_file.then_some(new.size.unwrap_or(0)),
        content_type: is_file.then(|| "application/octet-stream".to_owned()),
        status: Some("available".to_owned()),
        hidden: Some(false),
        starred: Some(false),
        trashed: Some(false),
        ..File::default()
    };
    let drive_id = new.drive_id.unwrap_or_else(|| DRIVE_ID.to_owned());
    let created = with_drive(&app, &drive_id, |drive| Ok(drive.create(file)?))?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

#[derive(Deserialize, Default)]
struct FileChange {
    drive_id: Option<String>,
    name: Option<String>,
    parent_file_id: Option<String>,
}

/// `rename` (with `name`), `move` (with `parent_file_id`), `trash`, `restore`, `delete`.
async fn change(
    State(app): State<Arc<App>>,
    Path((file_id, action)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<File>, PdsError> {
    let change: FileChange = read(&body)?;
    let drive_id = change.drive_id.unwrap_or_else(|| DRIVE_ID.to_owned());
    let changed = with_drive(&app, &drive_id, |drive| match action.as_str() {
        "rename" => {
            let name = change.name.filter(|name| !name.is_empty());
            let name = name.ok_or_else(|| PdsError::invalid("name", "It is required."))?;
            Ok(drive.change(&file_id, DeltaOp::Rename, |file| file.name = Some(name))?)
        }
        "move" => {
            let parent = change.parent_file_id.ok_or_else(|| PdsError::invalid("parent_file_id", "It is required."))?;
            Ok(drive.move_to(&file_id, &parent)?)
        }
        "trash" => Ok(drive.trash(&file_id)?),
        "restore" => Ok(drive.restore(&file_id)?),
        "delete" => Ok(drive.delete(&file_id)?),
        other => Err(PdsError::new(
            StatusCode::NOT_FOUND,
            "NotFound.Action",
            format!("No action {other:?}: use rename, move, trash, restore or delete."),
        )),
    })?;
    Ok(Json(changed))
}

fn with_drive(
    app: &App,
    drive_id: &str,
    act: impl FnOnce(&mut Drive) -> Result<File, PdsError>,
) -> Result<File, PdsError> {
    let mut store = app.store();
    let drive = store.drives.get_mut(drive_id).ok_or_else(|| PdsError::drive_not_found(drive_id))?;
    act(drive)
}

async fn arm_fault(State(app): State<Arc<App>>, Json(rule): Json<FaultRule>) -> Result<Response, PdsError> {
    let armed = lock(&app.faults).arm(rule).map_err(|rule| PdsError::invalid("fault", &rule))?;
    Ok((StatusCode::CREATED, Json(armed)).into_response())
}

async fn list_faults(State(app): State<Arc<App>>) -> Response {
    Json(json!({ "faults": lock(&app.faults).list() })).into_response()
}

async fn clear_faults(State(app): State<Arc<App>>) -> StatusCode {
    lock(&app.faults).clear();
    StatusCode::NO_CONTENT
}

async fn list_requests(State(app): State<Arc<App>>) -> Response {
    Json(json!({ "requests": lock(&app.requests).entries() })).into_response()
}

async fn clear_requests(State(app): State<Arc<App>>) -> StatusCode {
    lock(&app.requests).clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct Quirks {
    enabled: bool,
}

async fn set_quirks(State(app): State<Arc<App>>, Json(quirks): Json<Quirks>) -> StatusCode {
    app.set_koodrive_quirks(quirks.enabled);
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct RateLimitBody {
    max_rps: Option<u32>,
}

async fn set_rate_limit(State(app): State<Arc<App>>, Json(limit): Json<RateLimitBody>) -> StatusCode {
    app.set_max_rps(limit.max_rps);
    StatusCode::NO_CONTENT
}
