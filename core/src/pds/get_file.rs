//! GetFile: one file's metadata and URLs.

use serde::Serialize;

use super::client::PdsOperation;
use super::file::File;
use crate::error::Error;
use crate::validate;

/// The shortest lifetime a download URL may be asked for, in seconds.
pub const URL_EXPIRE_SEC_MIN: i64 = 10;
/// The longest lifetime a download URL may be asked for, in seconds.
pub const URL_EXPIRE_SEC_MAX: i64 = 14_400;

/// The input of GetFile: a file in a drive, or in a share (with a share token).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct GetFileRequest {
    /// The drive; exactly one of `drive_id` and `share_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drive_id: Option<String>,
    /// The share; exactly one of `drive_id` and `share_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_id: Option<String>,
    /// The file. Required.
    pub file_id: String,
    /// How long the returned URLs stay valid, 10 to 14,400 seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_expire_sec: Option<i64>,
    /// `*`, or a comma-separated list such as `url,thumbnail`; `investigation_info` only when named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<String>,
}

impl GetFileRequest {
    /// A file in a drive.
    pub fn in_drive(drive_id: impl Into<String>, file_id: impl Into<String>) -> Self {
        GetFileRequest { drive_id: Some(drive_id.into()), file_id: file_id.into(), ..Self::default() }
    }

    /// A file in a share, read with a share token.
    pub fn in_share(share_id: impl Into<String>, file_id: impl Into<String>) -> Self {
        GetFileRequest { share_id: Some(share_id.into()), file_id: file_id.into(), ..Self::default() }
    }
}

impl PdsOperation for GetFileRequest {
    const ACTION: &'static str = "GetFile";
    const PATH: &'static str = "/v2/file/get";
    const READ_ONLY: bool = true;
    type Output = File;

    fn validate(&self) -> Result<(), Error> {
        match (&self.drive_id, &self.share_id) {
            (Some(_), Some(_)) => return Err(Error::invalid("drive_id", "give drive_id or share_id, not both")),
            (None, None) => return Err(Error::invalid("drive_id", "one of drive_id and share_id is required")),
            _ => {}
        }
        validate::optional_id("drive_id", self.drive_id.as_deref())?;
        validate::optional_id("share_id", self.share_id.as_deref())?;
        validate::required_id("file_id", &self.file_id)?;
        validate::in_range("url_expire_sec", self.url_expire_sec, URL_EXPIRE_SEC_MIN..=URL_EXPIRE_SEC_MAX)
    }
}
