//! Listing an album's files: `GET /koodrive/ose/v1/album/{albumId}/list`.

use std::fmt;

use serde_json::Value;

use super::album_content::AlbumContent;
use super::client::{KooDriveAnswer, KooDriveOperation, encode_component};
use crate::error::Error;
use crate::model::wire_model;
use crate::paginate::{LinkMembers, Links, Listing, Next, Paginated, trailing_position};
use crate::validate;

/// The smallest page.
pub const PAGE_SIZE_MIN: i64 = 1;
/// The largest page, and the default.
pub const PAGE_SIZE_MAX: i64 = 100;
/// The longest trace id (the page says it "contains 58 bits": read as 58 characters).
pub const TRACE_ID_MAX_CHARS: usize = 58;

/// The input of an album listing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ListAlbumFilesRequest {
    /// The album. Required.
    pub album_id: String,
    /// Files per page, 1 to 100; the service's default is 100.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub page_size: Option<i64>,
    /// Where to continue (the previous page's `nextPageCursor`); none for the first page.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub page_cursor: Option<String>,
    /// What to sort by (its code); by default creation time in a manual album, shooting time in a collection
    /// album.
    #[cfg_attr(feature = "typescript", tsify(optional, type = "SortType"))]
    pub sort_type: Option<SortType>,
    /// Which way (its code); descending by default.
    #[cfg_attr(feature = "typescript", tsify(optional, type = "SortDirection"))]
    pub sort_direction: Option<SortDirection>,
    /// A trace id for the service's logs (`X-Traceid`), at most 58 characters.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub trace_id: Option<String>,
}

impl ListAlbumFilesRequest {
    /// The first page of an album.
    pub fn new(album_id: impl Into<String>) -> Self {
        ListAlbumFilesRequest { album_id: album_id.into(), ..Self::default() }
    }

    /// The request as the wire spells it, sort and direction as their codes (`sortType` 1 to 3, `sortDirection`
    /// 1 or 2), as bindings take them from callers; an unknown code is refused by name.
    pub fn from_codes(
        album_id: String,
        page_size: Option<i64>,
        page_cursor: Option<String>,
        sort_type: Option<i64>,
        sort_direction: Option<i64>,
        trace_id: Option<String>,
    ) -> Result<Self, Error> {
        Ok(ListAlbumFilesRequest {
            album_id,
            page_size,
            page_cursor,
            sort_type: sort_type.map(SortType::try_from).transpose()?,
            sort_direction: sort_direction.map(SortDirection::try_from).transpose()?,
            trace_id,
        })
    }
}

impl KooDriveOperation for ListAlbumFilesRequest {
    type Output = AlbumFilesPage;
    const READ_ONLY: bool = true;
    const NAME: &'static str = "ListAlbumFiles";

    fn validate(&self) -> Result<(), Error> {
        validate::required_id("albumId", &self.album_id)?;
        validate::in_range("pageSize", self.page_size, PAGE_SIZE_MIN..=PAGE_SIZE_MAX)?;
        if let Some(trace_id) = &self.trace_id {
            let printable = trace_id.bytes().all(|b| b.is_ascii_graphic());
            if trace_id.is_empty() || !printable || trace_id.len() > TRACE_ID_MAX_CHARS {
                return Err(Error::invalid(
                    "X-Traceid",
                    format!("must be 1 to {TRACE_ID_MAX_CHARS} printable ASCII characters"),
                ));
            }
        }
        Ok(())
    }

    fn path(&self) -> String {
        format!("/koodrive/ose/v1/album/{}/list", encode_component(&self.album_id))
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::with_capacity(4);
        if let Some(size) = self.page_size {
            query.push(("pageSize", size.to_string()));
        }
        if let Some(cursor) = &self.page_cursor {
            query.push(("pageCursor", cursor.clone()));
        }
        if let Some(sort) = self.sort_type {
            query.push(("sortType", sort.code().to_string()));
        }
        if let Some(direction) = self.sort_direction {
            query.push(("sortDirection", direction.code().to_string()));
        }
        query
    }

    fn trace_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }
}

impl Paginated for ListAlbumFilesRequest {
    type Page = AlbumFilesPage;

    fn position(&self) -> Option<&str> {
        self.page_cursor.as_deref()
    }

    fn at_position(&self, cursor: String) -> Self {
        ListAlbumFilesRequest { page_cursor: Some(cursor), ..self.clone() }
    }

    /// Only an empty or absent `nextPageCursor` ends the listing: pages may be short or empty before the last,
    /// and `total` is not to be trusted.
    const LINKS: LinkMembers = LinkMembers { position: "nextPageCursor", more: None };

    fn links(page: &AlbumFilesPage) -> Links {
        Links { position: page.next_page_cursor.clone(), more: None }
    }

    fn next(links: Links) -> Result<Next, Error> {
        Ok(Next::while_named(links.position))
    }

    fn peek_next(body: &[u8]) -> Option<String> {
        trailing_position(body, Self::LINKS.position)
    }
}

impl Listing for ListAlbumFilesRequest {
    type Item = AlbumContent;
    const ITEMS: &'static str = "contentList";

    fn take_items(page: &mut AlbumFilesPage) -> Vec<AlbumContent> {
        page.content_list.take().unwrap_or_default()
    }

    fn put_items(page: &mut AlbumFilesPage, items: Vec<AlbumContent>) {
        page.content_list = Some(items);
    }

    fn scope(&self) -> String {
        // Unset (0) stays apart from an explicit sort: which order the service's default is depends on the album.
        let sort = self.sort_type.map_or(0, SortType::code);
        let direction = self.sort_direction.map_or(0, SortDirection::code);
        format!("ListAlbumFiles\0{}\0{sort}\0{direction}", self.album_id)
    }
}

wire_model! {
    /// A page of an album.
    pub struct AlbumFilesPage {
        /// The files.
        content_list as "contentList": Vec<AlbumContent>,
        /// Where the next page starts; empty or absent on the last page.
        next_page_cursor as "nextPageCursor": String,
        /// The service's count of files; it has been seen to disagree with the files listed.
        total: u64,
        /// The service's result code: 0 for success.
        code: i64,
        /// The service's result message.
        msg: String,
    }
}

impl KooDriveAnswer for AlbumFilesPage {
    fn member_text(&self, name: &str) -> Option<String> {
        match name {
            "code" => self.code.map(|code| code.to_string()),
            "msg" => self.msg.clone(),
            _ => None,
        }
        // A code that is not a number is kept raw, and still has to be seen.
        .or_else(|| match self.unknown_fields.get(name)? {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
    }
}

/// What an album listing is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortType {
    /// `1`: when the photo was taken.
    ShootingTime,
    /// `2`: when the file was created.
    CreationTime,
    /// `3`: when the file was last changed.
    UpdateTime,
}

impl SortType {
    /// The wire's number.
    pub fn code(self) -> u32 {
        match self {
            SortType::ShootingTime => 1,
            SortType::CreationTime => 2,
            SortType::UpdateTime => 3,
        }
    }
}

impl TryFrom<i64> for SortType {
    type Error = Error;

    fn try_from(code: i64) -> Result<Self, Error> {
        match code {
            1 => Ok(SortType::ShootingTime),
            2 => Ok(SortType::CreationTime),
            3 => Ok(SortType::UpdateTime),
            other => Err(Error::invalid(
                "sortType",
                format!("must be 1 (shooting time), 2 (creation time) or 3 (update time), got {other}"),
            )),
        }
    }
}

/// Which way an album listing is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// `1`: oldest first.
    Ascending,
    /// `2`: newest first (the default).
    Descending,
}

impl SortDirection {
    /// The wire's number.
    pub fn code(self) -> u32 {
        match self {
            SortDirection::Ascending => 1,
            SortDirection::Descending => 2,
        }
    }
}

impl TryFrom<i64> for SortDirection {
    type Error = Error;

    fn try_from(code: i64) -> Result<Self, Error> {
        match code {
            1 => Ok(SortDirection::Ascending),
            2 => Ok(SortDirection::Descending),
            other => {
                Err(Error::invalid("sortDirection", format!("must be 1 (ascending) or 2 (descending), got {other}")))
            }
        }
    }
}

impl fmt::Display for SortType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

impl fmt::Display for SortDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_codes_become_the_enums_and_unknown_codes_are_refused_by_their_wire_names() {
        let request = ListAlbumFilesRequest::from_codes("a".into(), Some(100), None, Some(1), Some(2), None).unwrap();
        assert_eq!(
            (request.sort_type, request.sort_direction),
            (Some(SortType::ShootingTime), Some(SortDirection::Descending))
        );
        let field = |sort_type, sort_direction| {
            ListAlbumFilesRequest::from_codes("a".into(), None, None, sort_type, sort_direction, None)
                .unwrap_err()
                .field()
        };
        assert_eq!(field(Some(4), None), Some("sortType"));
        assert_eq!(field(None, Some(0)), Some("sortDirection"));
    }
}
