//! Alibaba Cloud Drive and Photo Service (PDS), API version 2022-03-01.

mod api_error;
mod client;
mod credentials;
mod endpoint;
mod file;
mod get_file;
mod get_last_cursor;
mod list_delta;
mod list_recyclebin;
pub mod signature;
mod update_file;

pub use client::{API_VERSION, DEFAULT_USER_AGENT, PdsClient, PdsExchange, PdsOperation};
pub use credentials::{Credentials, GivenCredentials};
pub use endpoint::Endpoint;
pub use file::*;
pub use get_file::{GetFileRequest, URL_EXPIRE_SEC_MAX, URL_EXPIRE_SEC_MIN};
pub use get_last_cursor::{GetLastCursorRequest, LastCursor};
pub use list_delta::{DeltaItem, DeltaOp, DeltaPage, LIST_DELTA_MAX_LIMIT, ListDeltaRequest};
pub use list_recyclebin::{
    ImageProcess, LIST_RECYCLEBIN_MAX_LIMIT, LIST_RECYCLEBIN_MIN_LIMIT, ListRecyclebinRequest, MAX_THUMBNAIL_PROCESSES,
    RecyclebinPage,
};
pub use update_file::{
    CheckNameMode, DESCRIPTION_MAX_CHARS, LABEL_MAX_CHARS, LABELS_MAX_COUNT, NAME_MAX_BYTES, UpdateFileRequest,
};
