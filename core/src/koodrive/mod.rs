//! Huawei Cloud KooDrive: album listing.

mod album_content;
mod api_error;
mod client;
mod credentials;
mod list_album_files;
pub mod x_date;

pub use album_content::AlbumContent;
pub use client::{KooDriveAnswer, KooDriveClient, KooDriveExchange, KooDriveOperation};
pub use credentials::Credentials;
pub use list_album_files::{
    AlbumFilesPage, ListAlbumFilesRequest, PAGE_SIZE_MAX, PAGE_SIZE_MIN, SortDirection, SortType, TRACE_ID_MAX_CHARS,
};
