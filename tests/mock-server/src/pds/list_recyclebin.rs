//! ListRecyclebin: the recycle bin in name order, `marker` / `next_marker` to page through it.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use drivekit_core::pds::{
    File, LIST_RECYCLEBIN_MAX_LIMIT, LIST_RECYCLEBIN_MIN_LIMIT, MAX_THUMBNAIL_PROCESSES, RecyclebinPage,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::PdsError;
use super::request::{PdsCall, required};
use crate::app::App;

/// The page's default page size.
const DEFAULT_LIMIT: i64 = 50;

#[derive(Deserialize)]
pub(crate) struct ListRecyclebinBody {
    drive_id: Option<String>,
    marker: Option<String>,
    limit: Option<i64>,
    fields: Option<String>,
    thumbnail_processes: Option<Map<String, Value>>,
}

pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    call: PdsCall<ListRecyclebinBody>,
) -> Result<Json<RecyclebinPage>, PdsError> {
    let body = call.owner_body()?;
    let drive_id = required("drive_id", body.drive_id)?;
    let (min, max) = (LIST_RECYCLEBIN_MIN_LIMIT, LIST_RECYCLEBIN_MAX_LIMIT);
    let limit = match body.limit {
        None => DEFAULT_LIMIT,
        Some(limit) if (min..=max).contains(&limit) => limit,
        Some(_) => return Err(PdsError::invalid("limit", &format!("It must be between {min} and {max}."))),
    };
    let thumbnails = body.thumbnail_processes.as_ref().map_or(0, Map::len);
    if thumbnails > MAX_THUMBNAIL_PROCESSES {
        return Err(PdsError::invalid(
            "thumbnail_processes",
            &format!("It must hold at most {MAX_THUMBNAIL_PROCESSES} thumbnails."),
        ));
    }
    let marker = body.marker.filter(|marker| !marker.is_empty());
    let after = marker.as_deref().map(read_marker);
    let all_fields = body.fields.as_deref() == Some("*");
    let store = app.store();
    let drive = store.drives.get(&drive_id).ok_or_else(|| PdsError::drive_not_found(&drive_id))?;
    let (mut items, has_more) = drive.recyclebin(
        after.as_ref().map(|(name, id)| (name.as_str(), id.as_deref())),
        usize::try_from(limit).unwrap_or(0),
    );
    drop(store);
    let next_marker = match items.last() {
        Some(last) if has_more => write_marker(last),
        _ => String::new(),
    };
    if !all_fields {
        items.iter_mut().for_each(leave_out_default_hidden_fields);
    }
    Ok(Json(RecyclebinPage { items: Some(items), next_marker: Some(next_marker), ..RecyclebinPage::default() }))
}

/// Without `fields: "*"` the page leaves out the creator, the last modifier and the custom tags.
fn leave_out_default_hidden_fields(file: &mut File) {
    file.creator_id = None;
    file.creator_name = None;
    file.creator_type = None;
    file.last_modifier_id = None;
    file.last_modifier_name = None;
    file.last_modifier_type = None;
    file.user_tags = None;
}

const MARKER_PREFIX: &str = "mock-recyclebin\0";

/// The marker after a file: opaque like the service's, holding the name and (for names that repeat) the id.
fn write_marker(file: &File) -> String {
    let name = file.name.as_deref().unwrap_or_default();
    let id = file.file_id.as_deref().unwrap_or_default();
    URL_SAFE_NO_PAD.encode(format!("{MARKER_PREFIX}{name}\0{id}"))
}

/// A marker this mock made, or else a plain name as the page describes ("entries whose names are after it").
fn read_marker(marker: &str) -> (String, Option<String>) {
    let made_here = URL_SAFE_NO_PAD
        .decode(marker)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix(MARKER_PREFIX).map(str::to_owned))
        .and_then(|rest| rest.split_once('\0').map(|(name, id)| (name.to_owned(), Some(id.to_owned()))));
    made_here.unwrap_or_else(|| (marker.to_owned(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_hold_name_and_id_and_plain_names_are_accepted() {
        let file = File { name: Some("a.txt".into()), file_id: Some("f1".into()), ..File::default() };
        assert_eq!(read_marker(&write_marker(&file)), ("a.txt".to_owned(), Some("f1".to_owned())));
        assert_eq!(read_marker("b.txt"), ("b.txt".to_owned(), None));
    }
}
