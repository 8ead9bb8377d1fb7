//! PDS error answers in every shape they come in.

use serde_json::{Map, Value};

use crate::error::{ApiError, Service, body_preview};
use crate::http::HttpResponse;

/// Reads a PDS error: `code`, `message` and the request id from the JSON body (key names in any case, since
/// both `requestId` and `RequestId` are sent), else from a gateway's `x-ca-error-*` headers.
pub(crate) fn parse(response: &HttpResponse) -> ApiError {
    let body: Option<Map<String, Value>> = serde_json::from_slice(&response.body).ok();
    let from_body = |wanted: &str| body.as_ref().and_then(|body| member_text(body, wanted));
    let code = from_body("code").or_else(|| response.header("x-ca-error-code").map(str::to_owned));
    let message =
        from_body("message").or_else(|| response.header("x-ca-error-message").map(str::to_owned)).unwrap_or_else(
            || format!("HTTP {} without an error body ({})", response.status, body_preview(&response.body)),
        );
    let request_id = from_body("requestid")
        .or_else(|| response.header("x-ca-request-id").map(str::to_owned))
        .or_else(|| response.header("x-acs-request-id").map(str::to_owned));
    ApiError::new(Service::Pds, response.status, code.unwrap_or_default(), message, request_id)
}

/// The text of the member whose name, ignoring case and underscores, is `wanted`.
pub(crate) fn member_text(object: &Map<String, Value>, wanted: &str) -> Option<String> {
    let normalised =
        |name: &str| name.chars().filter(|c| *c != '_').map(|c| c.to_ascii_lowercase()).collect::<String>();
    object.iter().find(|(name, _)| normalised(name) == wanted).and_then(|(_, value)| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiErrorKind;

    #[test]
    fn request_id_keys_are_read_in_any_case() {
        for key in ["requestId", "RequestId", "request_id", "requestid"] {
            let body = format!(r#"{{"code":"NotFound.File","message":"gone","{key}":"R1"}}"#);
            let error = parse(&HttpResponse::new(404, body));
            assert_eq!(
                (error.kind, error.code.as_str(), error.request_id.as_deref()),
                (ApiErrorKind::NotFound, "NotFound.File", Some("R1"))
            );
        }
    }

    #[test]
    fn gateway_errors_come_in_headers_with_an_empty_body() {
        let response = HttpResponse::new(403, "")
            .with_header("X-Ca-Error-Code", "ForbiddenNoPermission")
            .with_header("x-ca-error-message", "denied")
            .with_header("x-ca-request-id", "G1");
        let error = parse(&response);
        assert_eq!(error.code, "ForbiddenNoPermission");
        assert_eq!(error.message, "denied");
        assert_eq!(error.request_id.as_deref(), Some("G1"));
        assert_eq!(error.kind, ApiErrorKind::Forbidden);
    }

    #[test]
    fn a_non_json_body_becomes_a_bounded_message() {
        let error = parse(&HttpResponse::new(502, format!("<html>{}</html>", "x".repeat(10_000))));
        assert_eq!(error.code, "");
        assert_eq!(error.kind, ApiErrorKind::ServerError);
        assert!(error.message.starts_with("HTTP 502") && error.message.len() < 200, "{}", error.message);
    }
}
