//! KooDrive error answers: the service's HTTP 400 with an eight-digit `code` and `msg`, and its gateway's
//! `error_code` / `error_msg`.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// `pageSize` is not a number from 1 to 100.
pub(crate) const INVALID_PAGE_SIZE: u32 = 13_000_001;
/// `sortType` is not 1, 2 or 3.
pub(crate) const INVALID_SORT_TYPE: u32 = 13_000_002;
/// `sortDirection` is not 1 or 2.
pub(crate) const INVALID_SORT_DIRECTION: u32 = 13_000_003;
/// `pageCursor` was not returned by this album's listing.
pub(crate) const INVALID_PAGE_CURSOR: u32 = 13_000_004;
/// A required header is missing or wrong (`X-Date`, `X-User-Id`).
pub(crate) const INVALID_HEADER: u32 = 13_000_005;
/// No such album for this user.
pub(crate) const ALBUM_NOT_FOUND: u32 = 13_000_006;

/// A KooDrive error answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KooDriveError {
    status: StatusCode,
    body: Value,
}

impl KooDriveError {
    /// The service's own refusal: HTTP 400, `{code, msg}`.
    pub fn service(code: u32, msg: impl Into<String>) -> Self {
        KooDriveError { status: StatusCode::BAD_REQUEST, body: json!({ "code": code, "msg": msg.into() }) }
    }

    pub fn bad_header(name: &str, rule: &str) -> Self {
        KooDriveError::service(INVALID_HEADER, format!("Invalid header: {name} {rule}."))
    }

    /// An answer of the gateway in front of the service.
    pub fn gateway(status: StatusCode, code: &str, message: &str) -> Self {
        KooDriveError { status, body: json!({ "error_code": code, "error_msg": message }) }
    }

    /// The gateway's refusal of a missing or wrong token.
    pub fn gateway_unauthorized() -> Self {
        KooDriveError::gateway(
            StatusCode::UNAUTHORIZED,
            "APIGW.0301",
            "Authentication failed: the access token is missing, malformed or expired.",
        )
    }
}

impl IntoResponse for KooDriveError {
    fn into_response(self) -> Response {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let mut response = (self.status, Json(self.body)).into_response();
        let request_id = format!("mock-{:016x}", NEXT.fetch_add(1, Ordering::Relaxed));
        if let Ok(value) = request_id.parse() {
            response.headers_mut().insert("x-request-id", value);
        }
        response
    }
}
