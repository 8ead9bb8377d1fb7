//! ListRecyclebin: the files and folders in a drive's recycle bin, in name order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::client::PdsOperation;
use super::file::File;
use crate::error::Error;
use crate::model::wire_model;
use crate::paginate::{LinkMembers, Links, Listing, Next, Paginated, trailing_position};
use crate::validate;

/// The fewest entries a page may be asked for.
pub const LIST_RECYCLEBIN_MIN_LIMIT: i64 = 1;
/// The most entries a page may hold.
pub const LIST_RECYCLEBIN_MAX_LIMIT: i64 = 200;
/// The most thumbnails one request may ask for.
pub const MAX_THUMBNAIL_PROCESSES: usize = 5;

/// The input of ListRecyclebin.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct ListRecyclebinRequest {
    /// The drive. Required.
    pub drive_id: String,
    /// List entries whose names come after this one (the previous page's `next_marker`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// At most this many entries, 1 to 200; the service's default is 50.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// `*` for every field; unset for the default subset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<String>,
    /// Up to five thumbnails to make, by a key of the caller's choosing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_processes: Option<BTreeMap<String, ImageProcess>>,
}

/// How to make a thumbnail of an image, a video or a document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ImageProcess {
    /// The image processing rule, e.g. `image/resize,w_200`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_thumbnail_process: Option<String>,
    /// The video snapshot rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_thumbnail_process: Option<String>,
    /// The document thumbnail rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_thumbnail_process: Option<String>,
}

impl ListRecyclebinRequest {
    /// The recycle bin of a drive, from the first name.
    pub fn new(drive_id: impl Into<String>) -> Self {
        ListRecyclebinRequest { drive_id: drive_id.into(), ..Self::default() }
    }
}

impl PdsOperation for ListRecyclebinRequest {
    const ACTION: &'static str = "ListRecyclebin";
    const PATH: &'static str = "/v2/recyclebin/list";
    const READ_ONLY: bool = true;
    type Output = RecyclebinPage;

    fn validate(&self) -> Result<(), Error> {
        validate::required_id("drive_id", &self.drive_id)?;
        validate::in_range("limit", self.limit, LIST_RECYCLEBIN_MIN_LIMIT..=LIST_RECYCLEBIN_MAX_LIMIT)?;
        let thumbnails = self.thumbnail_processes.as_ref().map_or(0, BTreeMap::len);
        if thumbnails > MAX_THUMBNAIL_PROCESSES {
            return Err(Error::invalid(
                "thumbnail_processes",
                format!("must hold at most {MAX_THUMBNAIL_PROCESSES} thumbnails, got {thumbnails}"),
            ));
        }
        Ok(())
    }
}

impl Paginated for ListRecyclebinRequest {
    type Page = RecyclebinPage;

    fn position(&self) -> Option<&str> {
        self.marker.as_deref()
    }

    fn at_position(&self, marker: String) -> Self {
        ListRecyclebinRequest { marker: Some(marker), ..self.clone() }
    }

    /// An empty or absent `next_marker` ends the listing.
    const LINKS: LinkMembers = LinkMembers { position: "next_marker", more: None };

    fn links(page: &RecyclebinPage) -> Links {
        Links { position: page.next_marker.clone(), more: None }
    }

    fn next(links: Links) -> Result<Next, Error> {
        Ok(Next::while_named(links.position))
    }

    fn peek_next(body: &[u8]) -> Option<String> {
        trailing_position(body, Self::LINKS.position)
    }
}

impl Listing for ListRecyclebinRequest {
    type Item = File;
    const ITEMS: &'static str = "items";

    fn take_items(page: &mut RecyclebinPage) -> Vec<File> {
        page.items.take().unwrap_or_default()
    }

    fn put_items(page: &mut RecyclebinPage, items: Vec<File>) {
        page.items = Some(items);
    }

    fn scope(&self) -> String {
        format!("ListRecyclebin\0{}", self.drive_id)
    }
}

wire_model! {
    /// A page of the recycle bin.
    pub struct RecyclebinPage {
        /// The trashed files and folders.
        items: Vec<File>,
        /// Where the next page starts; empty when there is none.
        next_marker: String,
    }
}
