//! ListDelta: a drive's changes since a cursor, the feed a sync client lives on.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
#[cfg(feature = "json")]
use serde::Serializer;

use super::client::PdsOperation;
use super::file::File;
use crate::error::Error;
#[cfg(feature = "json")]
use crate::model::Lenient;
use crate::model::wire_model;
use crate::paginate::{LinkMembers, Links, Listing, Next, Paginated, trailing_member, trailing_position};
use crate::validate;

/// The most changes one page may hold, and the default.
pub const LIST_DELTA_MAX_LIMIT: i64 = 100;

/// The input of ListDelta. Start with no cursor (or GetLastCursor's) and follow the returned cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ListDeltaRequest {
    /// The drive. Required.
    pub drive_id: String,
    /// Only changes under this synced folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_root_id: Option<String>,
    /// Where to continue; none (or empty) reads from the start of the retained feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// At most this many changes, 0 to 100; the service's default is 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

impl ListDeltaRequest {
    /// Changes of a drive from the start of its feed.
    pub fn new(drive_id: impl Into<String>) -> Self {
        ListDeltaRequest { drive_id: drive_id.into(), ..Self::default() }
    }
}

impl PdsOperation for ListDeltaRequest {
    const ACTION: &'static str = "ListDelta";
    const PATH: &'static str = "/v2/file/list_delta";
    const READ_ONLY: bool = true;
    type Output = DeltaPage;

    fn validate(&self) -> Result<(), Error> {
        validate::required_id("drive_id", &self.drive_id)?;
        validate::optional_id("sync_root_id", self.sync_root_id.as_deref())?;
        validate::in_range("limit", self.limit, 0..=LIST_DELTA_MAX_LIMIT)
    }
}

impl Paginated for ListDeltaRequest {
    type Page = DeltaPage;

    fn position(&self) -> Option<&str> {
        self.cursor.as_deref()
    }

    fn at_position(&self, cursor: String) -> Self {
        ListDeltaRequest { cursor: Some(cursor), ..self.clone() }
    }

    const LINKS: LinkMembers = LinkMembers { position: "cursor", more: Some("has_more") };

    fn links(page: &DeltaPage) -> Links {
        Links { position: page.cursor.clone(), more: page.has_more }
    }

    /// The feed has more while `has_more` is true; the last cursor is where the next sync starts.
    fn next(links: Links) -> Result<Next, Error> {
        let Some(cursor) = links.position.filter(|cursor| !cursor.is_empty()) else {
            return Err(Error::decode("ListDelta response", "it carries no cursor to continue from"));
        };
        Ok(if links.more == Some(true) { Next::More(cursor) } else { Next::End { resume_at: Some(cursor) } })
    }

    fn peek_next(body: &[u8]) -> Option<String> {
        let more = trailing_member(body, "has_more")? == b"true";
        more.then(|| trailing_position(body, Self::LINKS.position)).flatten()
    }
}

impl Listing for ListDeltaRequest {
    type Item = DeltaItem;
    const ITEMS: &'static str = "items";

    fn take_items(page: &mut DeltaPage) -> Vec<DeltaItem> {
        page.items.take().unwrap_or_default()
    }

    fn put_items(page: &mut DeltaPage, items: Vec<DeltaItem>) {
        page.items = Some(items);
    }

    fn scope(&self) -> String {
        format!("ListDelta\0{}\0{}", self.drive_id, self.sync_root_id.as_deref().unwrap_or_default())
    }
}

wire_model! {
    /// A page of a drive's changes.
    pub struct DeltaPage {
        /// The changes, oldest first.
        items: Vec<DeltaItem>,
        /// Whether more changes follow right away.
        has_more: bool,
        /// Where the next page (or the next sync) starts: save it.
        cursor: String,
    }
}

wire_model! {
    /// One change.
    pub struct DeltaItem {
        /// The changed file's id.
        file_id: String,
        /// What happened.
        op: DeltaOp,
        /// The file as it is after the change.
        file: File,
    }
}

/// What happened to a file. Operations this version does not know are kept, not refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DeltaOp {
    /// Created.
    Create,
    /// Its content was replaced.
    Overwrite,
    /// Deleted for good.
    Delete,
    /// Its metadata changed.
    Update,
    /// Moved to another folder.
    Move,
    /// Moved to the recycle bin.
    Trash,
    /// Restored from the recycle bin.
    Restore,
    /// Renamed.
    Rename,
    /// An operation this version does not know, as sent.
    Other(String),
}

impl DeltaOp {
    /// The operation as the wire spells it.
    pub fn as_str(&self) -> &str {
        match self {
            DeltaOp::Create => "create",
            DeltaOp::Overwrite => "overwrite",
            DeltaOp::Delete => "delete",
            DeltaOp::Update => "update",
            DeltaOp::Move => "move",
            DeltaOp::Trash => "trash",
            DeltaOp::Restore => "restore",
            DeltaOp::Rename => "rename",
            DeltaOp::Other(op) => op,
        }
    }
}

impl FromStr for DeltaOp {
    type Err = std::convert::Infallible;

    fn from_str(op: &str) -> Result<Self, Self::Err> {
        Ok(match op {
            "create" => DeltaOp::Create,
            "overwrite" => DeltaOp::Overwrite,
            "delete" => DeltaOp::Delete,
            "update" => DeltaOp::Update,
            "move" => DeltaOp::Move,
            "trash" => DeltaOp::Trash,
            "restore" => DeltaOp::Restore,
            "rename" => DeltaOp::Rename,
            other => DeltaOp::Other(other.to_owned()),
        })
    }
}

impl fmt::Display for DeltaOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "json")]
impl Serialize for DeltaOp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "json")]
impl Lenient for DeltaOp {
    fn from_str(op: &str) -> Option<Self> {
        op.parse().ok()
    }
}
