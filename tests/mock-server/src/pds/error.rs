//! PDS error answers as the service sends them: an HTTP status and `{code, message, requestId}`.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::drive::DriveError;

/// A PDS error; the request id is added when it is answered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PdsError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    /// More members of the body, e.g. the existing file's details with `AlreadyExist.File`.
    pub details: Map<String, Value>,
}

impl PdsError {
    pub fn new(status: StatusCode, code: impl Into<String>, message: impl Into<String>) -> Self {
        PdsError { status, code: code.into(), message: message.into(), details: Map::new() }
    }

    pub fn unauthorized(code: &str, message: &str) -> Self {
        PdsError::new(StatusCode::UNAUTHORIZED, code, message)
    }

    pub fn forbidden(code: &str, message: &str) -> Self {
        PdsError::new(StatusCode::FORBIDDEN, code, message)
    }

    /// `InvalidParameter.<Field>` (e.g. `InvalidParameter.Limit` for `limit`), as the service names a bad input.
    pub fn invalid(field: &str, rule: &str) -> Self {
        let code = format!("InvalidParameter.{}", pascal_case(field));
        PdsError::new(StatusCode::BAD_REQUEST, code, format!("The input parameter {field} is not valid. {rule}"))
    }

    /// A body that is not the operation's JSON object.
    pub fn malformed_body(detail: &str) -> Self {
        PdsError::new(StatusCode::BAD_REQUEST, "InvalidParameter", format!("The request body is not valid: {detail}"))
    }

    pub fn drive_not_found(drive_id: &str) -> Self {
        PdsError::new(
            StatusCode::NOT_FOUND,
            "NotFound.Drive",
            format!("The specified drive {drive_id} does not exist."),
        )
    }

    pub fn file_not_found(file_id: &str) -> Self {
        PdsError::new(StatusCode::NOT_FOUND, "NotFound.File", format!("The specified file {file_id} does not exist."))
    }
}

/// Request ids shaped like the service's (`8E9FA0B1-C2D3-44E5-96F7-08192A3B4C5D`), unique in the process.
pub(crate) fn new_request_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let number = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("00000000-0000-4000-8000-{number:012X}")
}

/// The answer with a request id in the body, also sent as `x-acs-request-id`.
impl IntoResponse for PdsError {
    fn into_response(self) -> Response {
        let request_id = new_request_id();
        let mut body = self.details;
        body.insert("code".to_owned(), json!(self.code));
        body.insert("message".to_owned(), json!(self.message));
        body.insert("requestId".to_owned(), json!(request_id));
        let mut response = (self.status, Json(body)).into_response();
        if let Ok(value) = request_id.parse() {
            response.headers_mut().insert("x-acs-request-id", value);
        }
        response
    }
}

impl From<DriveError> for PdsError {
    fn from(error: DriveError) -> Self {
        match error {
            DriveError::FileNotFound(file_id) => PdsError::file_not_found(&file_id),
            DriveError::FileExists(file_id) => PdsError::new(
                StatusCode::CONFLICT,
                "AlreadyExist.File",
                format!("A file with the id {file_id} already exists."),
            ),
            DriveError::ParentNotFolder(parent) => {
                PdsError::invalid("parent_file_id", &format!("{parent} is not a folder of this drive."))
            }
            DriveError::MoveIntoItself(file_id) => {
                PdsError::invalid("parent_file_id", &format!("{file_id} cannot be moved below itself."))
            }
        }
    }
}

/// `drive_id` to `DriveId`.
fn pascal_case(field: &str) -> String {
    field
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_parameters_are_named_like_the_service() {
        let error = PdsError::invalid("limit", "It must be between 0 and 100.");
        assert_eq!(error.code, "InvalidParameter.Limit");
        assert_eq!(error.message, "The input parameter limit is not valid. It must be between 0 and 100.");
        assert_eq!(PdsError::invalid("url_expire_sec", "").code, "InvalidParameter.UrlExpireSec");
    }
}
