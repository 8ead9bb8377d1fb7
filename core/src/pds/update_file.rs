//! UpdateFile: change a file's metadata (name, description, labels, flags), never its content.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::client::PdsOperation;
use super::file::File;
use crate::error::Error;
use crate::validate;

/// The longest name, in UTF-8 bytes.
pub const NAME_MAX_BYTES: usize = 1024;
/// The longest description, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 1024;
/// The most labels a file may have.
pub const LABELS_MAX_COUNT: usize = 100;
/// The longest label, in characters.
pub const LABEL_MAX_CHARS: usize = 128;

/// The input of UpdateFile; unset fields stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct UpdateFileRequest {
    /// The drive. Required.
    pub drive_id: String,
    /// The file. Required.
    pub file_id: String,
    /// A new name, at most 1,024 UTF-8 bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A new description, at most 1,024 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New labels: at most 100, each at most 128 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// What to do when the new name is taken; the service's default is `ignore`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_name_mode: Option<CheckNameMode>,
    /// When the file changed on the user's device, a UTC time like `2019-08-20T06:51:27.292Z`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_modified_at: Option<String>,
    /// Hide or show the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// Star or unstar the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starred: Option<bool>,
}

impl UpdateFileRequest {
    /// An update of a file that changes nothing yet.
    pub fn new(drive_id: impl Into<String>, file_id: impl Into<String>) -> Self {
        UpdateFileRequest { drive_id: drive_id.into(), file_id: file_id.into(), ..Self::default() }
    }
}

impl PdsOperation for UpdateFileRequest {
    const ACTION: &'static str = "UpdateFile";
    const PATH: &'static str = "/v2/file/update";
    const READ_ONLY: bool = false;
    type Output = File;

    fn validate(&self) -> Result<(), Error> {
        validate::required_id("drive_id", &self.drive_id)?;
        validate::required_id("file_id", &self.file_id)?;
        if self.name.as_deref().is_some_and(str::is_empty) {
            return Err(Error::invalid("name", "must not be empty"));
        }
        validate::max_bytes("name", self.name.as_deref(), NAME_MAX_BYTES)?;
        validate::max_chars("description", self.description.as_deref(), DESCRIPTION_MAX_CHARS)?;
        if let Some(labels) = &self.labels {
            if labels.len() > LABELS_MAX_COUNT {
                return Err(Error::invalid(
                    "labels",
                    format!("must hold at most {LABELS_MAX_COUNT} labels, got {}", labels.len()),
                ));
            }
            for label in labels {
                validate::max_chars("labels", Some(label), LABEL_MAX_CHARS)?;
            }
        }
        validate::utc_iso8601("local_modified_at", self.local_modified_at.as_deref())
    }
}

/// What UpdateFile does when another file in the folder already has the new name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CheckNameMode {
    /// Allow the duplicate name.
    Ignore,
    /// Rename by appending a timestamp, like `xxx_20060102_150405`.
    AutoRename,
    /// Refuse, answering with the existing file's details.
    Refuse,
}

impl CheckNameMode {
    /// The mode as the wire spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckNameMode::Ignore => "ignore",
            CheckNameMode::AutoRename => "auto_rename",
            CheckNameMode::Refuse => "refuse",
        }
    }
}

impl FromStr for CheckNameMode {
    type Err = Error;

    fn from_str(mode: &str) -> Result<Self, Error> {
        match mode {
            "ignore" => Ok(CheckNameMode::Ignore),
            "auto_rename" => Ok(CheckNameMode::AutoRename),
            "refuse" => Ok(CheckNameMode::Refuse),
            other => Err(Error::invalid(
                "check_name_mode",
                format!("must be one of ignore, auto_rename, refuse; got {other:?}"),
            )),
        }
    }
}

impl fmt::Display for CheckNameMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
