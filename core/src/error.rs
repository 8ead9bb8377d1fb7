//! The one error type of drivekit, and the service error it wraps.

use std::fmt;
use std::time::Duration;

/// Everything that can go wrong in a call, in the terms a user acts on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input broke a documented rule; nothing was sent.
    #[error("invalid argument `{field}`: {rule}")]
    InvalidArgument {
        /// The input's wire name, e.g. `limit` or `pageSize`.
        field: &'static str,
        /// The rule it broke, e.g. `must be between 0 and 100`.
        rule: String,
    },
    /// The service answered with an error.
    #[error(transparent)]
    Api(ApiError),
    /// The service kept answering "too many requests" until retries ran out.
    #[error("rate limited{}: {api}", retry_after_text(*.retry_after))]
    RateLimited {
        /// How long the service asked to wait, when it said.
        retry_after: Option<Duration>,
        /// The service's answer.
        api: ApiError,
    },
    /// A response could not be read.
    #[error("could not decode {what}: {detail}")]
    Decode {
        /// What was being read, e.g. `ListDelta response`.
        what: String,
        /// Where and why, with the first bytes of the body.
        detail: String,
    },
    /// The transport could not complete the exchange.
    #[error("transport failed ({kind}): {message}")]
    Transport {
        /// How far the request got.
        kind: TransportErrorKind,
        /// The platform's description.
        message: String,
    },
    /// A request that changes something may have been applied, but its answer was lost: the connection broke
    /// after it left, or the attempt ran out of time. It is not sent again; read what it changed to learn whether
    /// it was applied.
    #[error("the outcome is unknown: the request may have been applied, but its answer was lost ({kind}): {message}")]
    OutcomeUnknown {
        /// How far the request got.
        kind: TransportErrorKind,
        /// The platform's description.
        message: String,
    },
    /// The call ran out of time.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// The service's answer was longer than the client's limit (`max_response_bytes`), so it was refused without
    /// being read whole. It is not sent again: the same request would get the same answer. For a change, the
    /// service did receive the request; read what it changed to learn whether it was applied.
    #[error("the response is larger than the limit of {limit} bytes; it was refused unread")]
    ResponseTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The caller cancelled the call.
    #[error("cancelled")]
    Cancelled,
    /// A paginated listing returned a position it had already returned, which would loop forever.
    #[error("the service repeated the page position `{position}`; stopping instead of looping")]
    RepeatedCursor {
        /// The repeated cursor, marker or page cursor.
        position: String,
    },
    /// The caller's access-token provider failed.
    #[error("the access-token provider failed: {0}")]
    TokenProvider(String),
}

fn retry_after_text(retry_after: Option<Duration>) -> String {
    retry_after.map(|d| format!(" (retry after {}s)", d.as_secs_f64())).unwrap_or_default()
}

impl Error {
    pub(crate) fn invalid(field: &'static str, rule: impl Into<String>) -> Self {
        Error::InvalidArgument { field, rule: rule.into() }
    }

    pub(crate) fn decode(what: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::Decode { what: what.into(), detail: detail.into() }
    }

    /// A body that could not be read as `what`: `detail` says why, and a preview of the body, cut before anything
    /// that could be a secret, shows what came.
    pub fn undecodable(what: impl Into<String>, detail: impl std::fmt::Display, body: &[u8]) -> Self {
        Error::Decode { what: what.into(), detail: format!("{detail}; {}", body_preview(body)) }
    }

    /// A stable, language-neutral name of the error's kind, used as `code` by the bindings.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::Api(_) => "api",
            Error::RateLimited { .. } => "rate_limited",
            Error::Decode { .. } => "decode",
            Error::Transport { .. } => "transport",
            Error::OutcomeUnknown { .. } => "outcome_unknown",
            Error::Timeout(_) => "timeout",
            Error::ResponseTooLarge { .. } => "response_too_large",
            Error::Cancelled => "cancelled",
            Error::RepeatedCursor { .. } => "repeated_cursor",
            Error::TokenProvider(_) => "token_provider",
        }
    }

    /// The input a validation error is about.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::InvalidArgument { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The service's answer, for API and rate-limit errors.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) | Error::RateLimited { api, .. } => Some(api),
            _ => None,
        }
    }
}

impl From<ApiError> for Error {
    fn from(api: ApiError) -> Self {
        Error::Api(api)
    }
}

/// How far a failed exchange got, or why the transport stopped it: this decides whether resending is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransportErrorKind {
    /// No connection was made (DNS, refused, TLS handshake): the server never saw the request.
    Connect,
    /// The connection failed after the request may have been sent (reset, cut, truncated answer).
    Io,
    /// The attempt took longer than the transport's per-attempt timeout.
    Timeout,
    /// The answer's body was longer than the attempt's `max_response_bytes`; the transport stopped reading it.
    ResponseTooLarge,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Io => "io",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::ResponseTooLarge => "response_too_large",
        })
    }
}

/// Which service answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// Alibaba Cloud Drive and Photo Service.
    Pds,
    /// Huawei Cloud KooDrive.
    KooDrive,
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Service::Pds => "PDS",
            Service::KooDrive => "KooDrive",
        })
    }
}

/// The broad meaning of a service error, decided by its code first and its HTTP status second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiErrorKind {
    /// The request was malformed or broke a rule (400, `InvalidParameter*`).
    BadRequest,
    /// The credentials are missing, wrong or expired (401, `AccessTokenInvalid`, `ShareLinkTokenInvalid`).
    Unauthorized,
    /// The credentials do not allow this (403, `ForbiddenNoPermission`).
    Forbidden,
    /// The file, drive or album does not exist (404, `NotFound.*`).
    NotFound,
    /// A file with that name exists (409, `AlreadyExist.*`).
    Conflict,
    /// Too many requests (429, `TooManyRequests`).
    TooManyRequests,
    /// The service failed (5xx).
    ServerError,
    /// Anything else.
    Other,
}

impl ApiErrorKind {
    /// The kind's stable name, e.g. `not_found`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiErrorKind::BadRequest => "bad_request",
            ApiErrorKind::Unauthorized => "unauthorized",
            ApiErrorKind::Forbidden => "forbidden",
            ApiErrorKind::NotFound => "not_found",
            ApiErrorKind::Conflict => "conflict",
            ApiErrorKind::TooManyRequests => "too_many_requests",
            ApiErrorKind::ServerError => "server_error",
            ApiErrorKind::Other => "other",
        }
    }

    /// Classifies by service code first, then by HTTP status.
    pub(crate) fn classify(code: &str, status: u16) -> Self {
        let by_code = if code.starts_with("InvalidParameter") || code.starts_with("MissingParameter") {
            Some(ApiErrorKind::BadRequest)
        } else if code.ends_with("TokenInvalid") || code.ends_with("TokenExpired") {
            Some(ApiErrorKind::Unauthorized)
        } else if code.starts_with("Forbidden") {
            Some(ApiErrorKind::Forbidden)
        } else if code.starts_with("NotFound") {
            Some(ApiErrorKind::NotFound)
        } else if code.starts_with("AlreadyExist") {
            Some(ApiErrorKind::Conflict)
        } else if code == "TooManyRequests" || code.starts_with("Throttling") {
            Some(ApiErrorKind::TooManyRequests)
        } else {
            None
        };
        by_code.unwrap_or(match status {
            400 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            409 => ApiErrorKind::Conflict,
            429 => ApiErrorKind::TooManyRequests,
            500..=599 => ApiErrorKind::ServerError,
            _ => ApiErrorKind::Other,
        })
    }
}

impl fmt::Display for ApiErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A service's error answer: what it said, kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{service} error {code} (HTTP {status}): {message}{}", request_id_text(.request_id))]
pub struct ApiError {
    /// The service that answered.
    pub service: Service,
    /// The HTTP status.
    pub status: u16,
    /// The broad meaning, for programs.
    pub kind: ApiErrorKind,
    /// The service's code as sent (KooDrive's numeric codes as decimal text); empty when none was sent.
    pub code: String,
    /// The service's message, shortened if very long.
    pub message: String,
    /// The request id to quote to support, when the service sent one.
    pub request_id: Option<String>,
}

fn request_id_text(request_id: &Option<String>) -> String {
    request_id.as_ref().map(|id| format!(" [request id {id}]")).unwrap_or_default()
}

impl ApiError {
    /// An error answer, classified by code then status; a very long message is cut short.
    pub fn new(service: Service, status: u16, code: String, message: String, request_id: Option<String>) -> Self {
        let kind = ApiErrorKind::classify(&code, status);
        ApiError { service, status, kind, code, message: shorten(message, MAX_MESSAGE_CHARS), request_id }
    }
}

/// Service messages are echoed to users and logs; a bound keeps a misbehaving server from filling them.
const MAX_MESSAGE_CHARS: usize = 1024;

fn shorten(mut text: String, max_chars: usize) -> String {
    if let Some((cut, _)) = text.char_indices().nth(max_chars) {
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// The first bytes of a body, for an error message: enough to recognise it, never the whole body.
pub(crate) fn body_preview(body: &[u8]) -> String {
    const PREVIEW_BYTES: usize = 64;
    if body.is_empty() {
        return "the body is empty".to_owned();
    }
    let head = &body[..body.len().min(PREVIEW_BYTES)];
    // A signed URL's query grants access on its own: the preview stops before anything that may start or carry
    // one, escaped (`%3F`, `\u003f`) or cut short (`&Signature=`) included.
    let (head, cut) = match head.iter().position(|byte| b"?&=%\\".contains(byte)) {
        Some(query) => (&head[..query], true),
        None => (head, body.len() > PREVIEW_BYTES),
    };
    let more = if cut { "…" } else { "" };
    format!("the body starts with {:?}{more}", String::from_utf8_lossy(head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_decides_before_status() {
        assert_eq!(ApiErrorKind::classify("NotFound.File", 400), ApiErrorKind::NotFound);
        assert_eq!(ApiErrorKind::classify("InvalidParameter.Limit", 400), ApiErrorKind::BadRequest);
        assert_eq!(ApiErrorKind::classify("ShareLinkTokenInvalid", 403), ApiErrorKind::Unauthorized);
        assert_eq!(ApiErrorKind::classify("AlreadyExist.File", 409), ApiErrorKind::Conflict);
        assert_eq!(ApiErrorKind::classify("InternalError.Foo", 500), ApiErrorKind::ServerError);
        assert_eq!(ApiErrorKind::classify("13000001", 404), ApiErrorKind::NotFound);
        assert_eq!(ApiErrorKind::classify("", 418), ApiErrorKind::Other);
    }

    #[test]
    fn long_messages_are_cut_on_a_character_boundary() {
        let api = ApiError::new(Service::Pds, 500, "X".into(), "é".repeat(5000), None);
        assert_eq!(api.message.chars().count(), MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn body_preview_is_bounded() {
        let preview = body_preview(&[b'a'; 10_000]);
        assert!(preview.len() < 100, "{preview}");
        assert_eq!(body_preview(b""), "the body is empty");
    }

    #[test]
    fn body_preview_never_shows_a_query() {
        let preview = body_preview(br#"{"url":"https://h/p?Expires=1&Signature=abc"}"#);
        assert_eq!(preview, r#"the body starts with "{\"url\":\"https://h/p"…"#);
        for body in
            [&b"\n  z{ WYIDkQA4_request&X-Amz-Signature=ea"[..], b"https://h/p%3FSignature=1", br"h\u003fSignature=1"]
        {
            let preview = body_preview(body);
            assert!(!preview.contains("Signature"), "{preview}");
        }
    }
}
