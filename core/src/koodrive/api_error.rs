//! KooDrive error answers: the service's `code`/`msg` (also under HTTP 200), and its gateway's
//! `error_code`/`error_msg`.

use serde_json::{Map, Value};

use crate::error::{ApiError, Service, body_preview};
use crate::http::HttpResponse;

/// Reads an error answer from a non-2xx response.
pub(crate) fn parse(response: &HttpResponse) -> ApiError {
    let body: Option<Map<String, Value>> = serde_json::from_slice(&response.body).ok();
    let text = |name: &str| body.as_ref().and_then(|body| body.get(name)).and_then(value_text);
    let code = text("code").or_else(|| text("error_code")).unwrap_or_default();
    let message = text("msg").or_else(|| text("error_msg")).unwrap_or_else(|| {
        format!("HTTP {} without an error body ({})", response.status, body_preview(&response.body))
    });
    ApiError::new(Service::KooDrive, response.status, code, message, request_id(response))
}

/// A non-zero `code` in a 200 answer is an error too; `code` arrives as a number or as a string.
pub(crate) fn in_success_body(response: &HttpResponse, code: &str, msg: Option<&str>) -> Option<ApiError> {
    if code.is_empty() || code == "0" {
        return None;
    }
    let message = msg.unwrap_or("the service reported an error").to_owned();
    Some(ApiError::new(Service::KooDrive, response.status, code.to_owned(), message, request_id(response)))
}

fn request_id(response: &HttpResponse) -> Option<String> {
    response.header("x-request-id").or_else(|| response.header("x-traceid")).map(str::to_owned)
}

fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}
