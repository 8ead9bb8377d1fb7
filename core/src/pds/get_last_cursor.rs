//! GetLastCursor (action `DeltaGetLastCursor`): the newest position of a drive's change feed, where a sync client starts following it.

use serde::Serialize;

use super::client::PdsOperation;
use crate::error::Error;
use crate::model::wire_model;
use crate::validate;

/// The input of GetLastCursor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct GetLastCursorRequest {
    /// The drive. Required.
    pub drive_id: String,
    /// Only the feed of this synced folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_root_id: Option<String>,
}

impl GetLastCursorRequest {
    /// The newest cursor of a drive's feed.
    pub fn new(drive_id: impl Into<String>) -> Self {
        GetLastCursorRequest { drive_id: drive_id.into(), sync_root_id: None }
    }
}

impl PdsOperation for GetLastCursorRequest {
    const ACTION: &'static str = "DeltaGetLastCursor";
    const PATH: &'static str = "/v2/file/get_last_cursor";
    const READ_ONLY: bool = true;
    type Output = LastCursor;

    fn validate(&self) -> Result<(), Error> {
        validate::required_id("drive_id", &self.drive_id)?;
        validate::optional_id("sync_root_id", self.sync_root_id.as_deref())
    }
}

wire_model! {
    /// The newest position of a change feed.
    pub struct LastCursor {
        /// Pass it to ListDelta to see the changes made from now on.
        cursor: String,
    }
}
