//! GetFile: one file's metadata, with download URLs that expire after `url_expire_sec`, shaped by `fields`.

use std::borrow::Cow;
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use drivekit_core::SignedUrl;
use drivekit_core::pds::{File, URL_EXPIRE_SEC_MAX, URL_EXPIRE_SEC_MIN};
use serde::Deserialize;

use super::error::PdsError;
use super::request::{PdsCall, required};
use crate::app::App;
use crate::auth::PdsCaller;
use crate::clock::now_unix_ms;

/// How long URLs stay valid when `url_expire_sec` is not given (the page names no default; 15 minutes).
pub(crate) const DEFAULT_URL_EXPIRE_SEC: i64 = 900;

/// Where the signed URLs point: a host that cannot resolve, since the mock serves metadata, not content.
const DOWNLOAD_HOST: &str = "https://data.mock.invalid";

#[derive(Deserialize)]
pub(crate) struct GetFileBody {
    drive_id: Option<String>,
    share_id: Option<String>,
    file_id: Option<String>,
    url_expire_sec: Option<i64>,
    fields: Option<String>,
}

pub(crate) async fn handle(State(app): State<Arc<App>>, call: PdsCall<GetFileBody>) -> Result<Json<File>, PdsError> {
    let PdsCall { caller, body } = call;
    let drive_id = body.drive_id.filter(|id| !id.is_empty());
    let share_id = body.share_id.filter(|id| !id.is_empty());
    let file_id = required("file_id", body.file_id)?;
    let (min, max) = (URL_EXPIRE_SEC_MIN, URL_EXPIRE_SEC_MAX);
    let expire_sec = match body.url_expire_sec {
        None => DEFAULT_URL_EXPIRE_SEC,
        Some(seconds) if (min..=max).contains(&seconds) => seconds,
        Some(_) => return Err(PdsError::invalid("url_expire_sec", &format!("It must be between {min} and {max}."))),
    };
    let store = app.store();
    let drive_id = match (drive_id, share_id, caller) {
        (Some(_), Some(_), _) | (None, None, _) => {
            return Err(PdsError::invalid("drive_id", "Give exactly one of drive_id and share_id."));
        }
        (Some(_), None, PdsCaller::Share) => {
            return Err(PdsError::forbidden("ForbiddenNoPermission", "A share token reads files through share_id."));
        }
        (Some(drive_id), None, PdsCaller::Owner) => drive_id,
        (None, Some(share_id), _) => store.shares.get(&share_id).cloned().ok_or_else(|| {
            PdsError::new(StatusCode::NOT_FOUND, "NotFound.ShareLink", format!("The share {share_id} does not exist."))
        })?,
    };
    let drive = store.drives.get(&drive_id).ok_or_else(|| PdsError::drive_not_found(&drive_id))?;
    let file = drive.file(&file_id).map(Cow::into_owned).ok_or_else(|| PdsError::file_not_found(&file_id))?;
    drop(store);
    Ok(Json(shape(file, body.fields.as_deref(), now_unix_ms() / 1000 + expire_sec.unsigned_abs())))
}

/// Applies `fields`: unset, empty or `*` gives everything but `investigation_info`; a list such as
/// `url,thumbnail` gives the metadata plus the named extras (`url` covers `download_url` too).
fn shape(mut file: File, fields: Option<&str>, expires_at: u64) -> File {
    let named: Vec<&str> = match fields.map(str::trim) {
        None | Some("") | Some("*") => vec!["url", "thumbnail", "exif"],
        Some(list) => list.split(',').map(str::trim).collect(),
    };
    let wants = |field: &str| named.contains(&field);
    let id = file.file_id.clone().unwrap_or_default();
    let drive_id = file.drive_id.clone().unwrap_or_default();
    let signed = |kind: &str| {
        SignedUrl::new(format!(
            "{DOWNLOAD_HOST}/{drive_id}/{id}/{kind}?x-oss-expires={expires_at}&x-oss-signature=mock"
        ))
    };
    let is_file = !file.is_folder();
    file.download_url = (is_file && wants("url")).then(|| signed("content"));
    file.url = (is_file && wants("url")).then(|| signed("content"));
    file.thumbnail = (is_file && wants("thumbnail")).then(|| signed("thumbnail"));
    if !wants("exif") {
        if let Some(metadata) = &mut file.image_media_metadata {
            metadata.exif = None;
        }
    }
    if !wants("investigation_info") {
        file.investigation_info = None;
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> File {
        File { file_id: Some("f".into()), file_type: Some("file".into()), ..File::default() }
    }

    #[test]
    fn urls_expire_when_asked_and_investigation_info_only_when_named() {
        let shaped = shape(sample(), None, 1_000);
        assert!(shaped.download_url.unwrap().as_str().contains("x-oss-expires=1000"));
        assert!(shaped.investigation_info.is_none());
        let only_url = shape(sample(), Some("url"), 5);
        assert!(only_url.url.is_some() && only_url.thumbnail.is_none());
    }
}
