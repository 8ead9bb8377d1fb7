//! UpdateFile: changes a file's metadata, honouring `check_name_mode` when the new name is taken, and
//! records `rename` (the name changed) or `update` in the change feed.

use std::str::FromStr;
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use drivekit_core::Timestamp;
use drivekit_core::pds::{
    CheckNameMode, DESCRIPTION_MAX_CHARS, DeltaOp, File, LABEL_MAX_CHARS, LABELS_MAX_COUNT, NAME_MAX_BYTES,
};
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::error::PdsError;
use super::request::{PdsCall, required};
use crate::app::App;
use crate::clock::{now_unix_ms, rename_suffix};

#[derive(Deserialize)]
pub(crate) struct UpdateFileBody {
    drive_id: Option<String>,
    file_id: Option<String>,
    name: Option<String>,
    description: Option<String>,
    labels: Option<Vec<String>>,
    check_name_mode: Option<String>,
    local_modified_at: Option<String>,
    hidden: Option<bool>,
    starred: Option<bool>,
}

pub(crate) async fn handle(State(app): State<Arc<App>>, call: PdsCall<UpdateFileBody>) -> Result<Json<File>, PdsError> {
    let body = call.owner_body()?;
    let drive_id = required("drive_id", body.drive_id.clone())?;
    let file_id = required("file_id", body.file_id.clone())?;
    let mode = check(&body)?;
    let mut store = app.store();
    let drive = store.drives.get_mut(&drive_id).ok_or_else(|| PdsError::drive_not_found(&drive_id))?;
    let current = drive.file(&file_id).ok_or_else(|| PdsError::file_not_found(&file_id))?;
    let mut new_name = body.name.clone().filter(|name| Some(name) != current.name.as_ref());
    if let Some(name) = &new_name {
        let parent = current.parent_file_id.clone().unwrap_or_default();
        if let Some(existing) = drive.sibling_named(&parent, name, &file_id) {
            match mode {
                CheckNameMode::Ignore => {}
                CheckNameMode::Refuse => return Err(already_exists(&existing)),
                CheckNameMode::AutoRename => new_name = Some(auto_renamed(name, now_unix_ms())),
            }
        }
    }
    let op = if new_name.is_some() { DeltaOp::Rename } else { DeltaOp::Update };
    let updated = drive.change(&file_id, op, |file| {
        if let Some(name) = new_name {
            file.file_extension = name.rsplit_once('.').map(|(_, extension)| extension.to_owned());
            file.name = Some(name);
        }
        if let Some(description) = body.description {
            file.description = Some(description);
        }
        if let Some(labels) = body.labels {
            file.labels = Some(labels);
        }
        if let Some(time) = body.local_modified_at {
            file.local_modified_at = Some(Timestamp::new(time));
        }
        if let Some(hidden) = body.hidden {
            file.hidden = Some(hidden);
        }
        if let Some(starred) = body.starred {
            file.starred = Some(starred);
        }
    })?;
    Ok(Json(updated))
}

/// Every documented limit, checked as the service does; answers the name mode (default `ignore`).
fn check(body: &UpdateFileBody) -> Result<CheckNameMode, PdsError> {
    if let Some(name) = &body.name {
        if name.is_empty() || name.len() > NAME_MAX_BYTES {
            return Err(PdsError::invalid("name", &format!("It must be 1 to {NAME_MAX_BYTES} bytes of UTF-8.")));
        }
    }
    if body.description.as_ref().is_some_and(|text| text.chars().count() > DESCRIPTION_MAX_CHARS) {
        return Err(PdsError::invalid(
            "description",
            &format!("It must be at most {DESCRIPTION_MAX_CHARS} characters."),
        ));
    }
    if let Some(labels) = &body.labels {
        if labels.len() > LABELS_MAX_COUNT {
            return Err(PdsError::invalid("labels", &format!("At most {LABELS_MAX_COUNT} labels are allowed.")));
        }
        if labels.iter().any(|label| label.chars().count() > LABEL_MAX_CHARS) {
            return Err(PdsError::invalid("labels", &format!("A label must be at most {LABEL_MAX_CHARS} characters.")));
        }
    }
    if let Some(time) = &body.local_modified_at {
        let utc = time.ends_with('Z') && time.contains('T') && OffsetDateTime::parse(time, &Rfc3339).is_ok();
        if !utc {
            return Err(PdsError::invalid("local_modified_at", "It must be a UTC time like 2019-08-20T06:51:27.292Z."));
        }
    }
    match body.check_name_mode.as_deref() {
        None => Ok(CheckNameMode::Ignore),
        Some(mode) => CheckNameMode::from_str(mode)
            .map_err(|_| PdsError::invalid("check_name_mode", "It must be one of ignore, auto_rename, refuse.")),
    }
}

/// `refuse`: the conflict, with the existing file's details, as the service reports it.
fn already_exists(existing: &File) -> PdsError {
    let mut error = PdsError::new(
        StatusCode::CONFLICT,
        "AlreadyExist.File",
        "A file with the same name already exists in the parent folder.",
    );
    for (key, value) in [
        ("domain_id", &existing.domain_id),
        ("drive_id", &existing.drive_id),
        ("file_id", &existing.file_id),
        ("parent_file_id", &existing.parent_file_id),
        ("name", &existing.name),
        ("type", &existing.file_type),
    ] {
        if let Some(value) = value {
            error.details.insert(key.to_owned(), json!(value));
        }
    }
    error
}

/// `auto_rename`: the documented timestamp suffix (`xxx_20060102_150405`), before the extension if any.
fn auto_renamed(name: &str, now_unix_ms: u64) -> String {
    let suffix = rename_suffix(now_unix_ms);
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem}{suffix}.{extension}"),
        _ => format!("{name}{suffix}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_rename_puts_the_timestamp_before_the_extension() {
        assert_eq!(auto_renamed("1.mov", 1_136_214_245_000), "1_20060102_150405.mov");
        assert_eq!(auto_renamed("README", 1_136_214_245_000), "README_20060102_150405");
        assert_eq!(auto_renamed(".env", 1_136_214_245_000), ".env_20060102_150405");
    }
}
