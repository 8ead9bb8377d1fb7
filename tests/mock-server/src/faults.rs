//! Faults armed through the control API for the next N matching service requests: an error status (with
//! Retry-After), a delay, a cut connection, a truncated body, a malformed body, a body that trickles in, a body
//! larger than any client should hold, JSON nested beyond any parser's depth. Also the configured delay every
//! service request gets.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use futures_util::stream;
use serde::{Deserialize, Serialize};

use crate::app::{App, lock};
use crate::koodrive::error::KooDriveError;
use crate::pds::error::PdsError;
use crate::request_log::LogSlot;
use crate::server::ConnectionCut;

/// A 200 answer that is not JSON: a trailing comma, as in KooDrive's own sample.
const MALFORMED_BODY: &str = r#"{"malformed": true,}"#;

/// How long a truncated body waits before the connection closes, so that its first half is surely sent.
const TRUNCATE_FLUSH: Duration = Duration::from_millis(50);

/// An oversized body is `{"padding":"xx…x"}`: valid JSON that any decoder would read, were it not for its size.
const OVERSIZED_HEAD: &[u8] = br#"{"padding":""#;
const OVERSIZED_TAIL: &[u8] = br#""}"#;
/// The padding is sent in pieces of this size, taken from one static run of `x`, so the mock holds none of it.
const OVERSIZED_PIECE: usize = 64 * 1024;
static PADDING: [u8; OVERSIZED_PIECE] = [b'x'; OVERSIZED_PIECE];
/// The largest oversized body armed: far past any client's limit, and still sent in seconds over loopback.
const OVERSIZED_MAX_BYTES: u64 = 1 << 30;
/// The deepest nesting armed; its body is two bytes a level.
const DEEP_MAX_DEPTH: u32 = 1_000_000;

/// A fault to arm: which requests it hits, how many times, and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FaultRule {
    /// The exact path it hits; none hits every service path.
    #[serde(default)]
    pub path: Option<String>,
    /// The method it hits (any case); none hits every method.
    #[serde(default)]
    pub method: Option<String>,
    /// How many requests it hits before it disarms.
    #[serde(default = "one")]
    pub count: u32,
    #[serde(flatten)]
    pub effect: FaultEffect,
}

fn one() -> u32 {
    1
}

/// What a fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum FaultEffect {
    /// Answers this status with the service's error body, and `Retry-After` when given.
    Status {
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<RetryAfter>,
    },
    /// Waits, then answers normally.
    Delay { delay_ms: u64 },
    /// Closes the connection without answering.
    Cut,
    /// Sends the status, the headers with the full Content-Length, half the body, then closes the connection.
    Truncate,
    /// Answers 200 with a body that is not JSON.
    Malformed,
    /// Sends the status and the headers (with the full Content-Length) at once, then the real body
    /// `chunk_bytes` at a time, `interval_ms` apart: a complete read takes far longer than any attempt timeout.
    Trickle {
        #[serde(default = "trickle_chunk_bytes")]
        chunk_bytes: usize,
        #[serde(default = "trickle_interval_ms")]
        interval_ms: u64,
    },
    /// Answers 200 with valid JSON of exactly `bytes` bytes (`{"padding":"xx…x"}`), streamed, announced by
    /// Content-Length unless `content_length` is false (then sent chunked, its size unknown until it ends).
    Oversized {
        bytes: u64,
        #[serde(default = "yes")]
        content_length: bool,
    },
    /// Answers 200 with `{"deep":[[[…]]]}`, arrays nested `depth` levels inside the object.
    Deep {
        #[serde(default = "deep_depth")]
        depth: u32,
    },
}

fn trickle_chunk_bytes() -> usize {
    8
}

fn trickle_interval_ms() -> u64 {
    100
}

fn yes() -> bool {
    true
}

fn deep_depth() -> u32 {
    1_000
}

impl FaultEffect {
    /// The name the request log shows.
    pub fn kind(&self) -> &'static str {
        match self {
            FaultEffect::Status { .. } => "status",
            FaultEffect::Delay { .. } => "delay",
            FaultEffect::Cut => "cut",
            FaultEffect::Truncate => "truncate",
            FaultEffect::Malformed => "malformed",
            FaultEffect::Trickle { .. } => "trickle",
            FaultEffect::Oversized { .. } => "oversized",
            FaultEffect::Deep { .. } => "deep",
        }
    }
}

/// A `Retry-After` value: seconds, or any text (an HTTP date) sent as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum RetryAfter {
    Seconds(u64),
    Text(String),
}

impl fmt::Display for RetryAfter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryAfter::Seconds(seconds) => write!(f, "{seconds}"),
            RetryAfter::Text(text) => f.write_str(text),
        }
    }
}

/// An armed fault; `rule.count` counts down the requests it has left.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArmedFault {
    pub id: u64,
    #[serde(flatten)]
    pub rule: FaultRule,
}

/// The armed faults, first armed first applied.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    armed: Vec<ArmedFault>,
    last_id: u64,
}

impl Faults {
    /// Arms a fault, or says why it cannot be.
    pub fn arm(&mut self, rule: FaultRule) -> Result<ArmedFault, String> {
        if rule.count == 0 {
            return Err("count must be at least 1".to_owned());
        }
        match rule.effect {
            FaultEffect::Status { status, .. } => {
                if !(100..=599).contains(&status) {
                    return Err(format!("status must be an HTTP status, got {status}"));
                }
                if HeaderValue::try_from(rule_retry_after(&rule.effect).unwrap_or_default()).is_err() {
                    return Err("retry_after must be a valid header value".to_owned());
                }
            }
            FaultEffect::Trickle { chunk_bytes: 0, .. } => return Err("chunk_bytes must be at least 1".to_owned()),
            FaultEffect::Oversized { bytes, .. } => {
                let least = (OVERSIZED_HEAD.len() + OVERSIZED_TAIL.len()) as u64;
                if !(least..=OVERSIZED_MAX_BYTES).contains(&bytes) {
                    return Err(format!("bytes must be from {least} to {OVERSIZED_MAX_BYTES}, got {bytes}"));
                }
            }
            FaultEffect::Deep { depth } if !(1..=DEEP_MAX_DEPTH).contains(&depth) => {
                return Err(format!("depth must be from 1 to {DEEP_MAX_DEPTH}, got {depth}"));
            }
            _ => {}
        }
        self.last_id += 1;
        let armed = ArmedFault { id: self.last_id, rule };
        self.armed.push(armed.clone());
        Ok(armed)
    }

    /// The effect of the first armed fault this request matches, counting it down.
    fn take(&mut self, method: &str, path: &str) -> Option<FaultEffect> {
        let index = self.armed.iter().position(|armed| {
            armed.rule.path.as_deref().is_none_or(|wanted| wanted == path)
                && armed.rule.method.as_deref().is_none_or(|wanted| wanted.eq_ignore_ascii_case(method))
        })?;
        let armed = &mut self.armed[index];
        armed.rule.count -= 1;
        let effect = armed.rule.effect.clone();
        if armed.rule.count == 0 {
            self.armed.remove(index);
        }
        Some(effect)
    }

    pub fn list(&self) -> Vec<ArmedFault> {
        self.armed.clone()
    }

    pub fn clear(&mut self) {
        self.armed.clear();
    }
}

fn rule_retry_after(effect: &FaultEffect) -> Option<String> {
    match effect {
        FaultEffect::Status { retry_after, .. } => retry_after.as_ref().map(ToString::to_string),
        _ => None,
    }
}

/// Applies the configured delay, then the first armed fault the request matches.
pub(crate) async fn inject(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if !app.delay.is_zero() {
        tokio::time::sleep(app.delay).await;
    }
    if !app.admit() {
        let path = request.uri().path().to_owned();
        drain(request).await;
        let mut response = error_body(&path, StatusCode::TOO_MANY_REQUESTS);
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        let wait = crate::rate_limit::RETRY_AFTER.as_secs().to_string();
        response.headers_mut().insert(RETRY_AFTER, HeaderValue::try_from(wait).expect("digits are a header value"));
        return response;
    }
    let effect = lock(&app.faults).take(request.method().as_str(), request.uri().path());
    let Some(effect) = effect else {
        return next.run(request).await;
    };
    if let Some(slot) = request.extensions().get::<LogSlot>() {
        lock(&app.requests).note_fault(*slot, effect.kind());
    }
    match effect {
        FaultEffect::Status { status, retry_after } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let path = request.uri().path().to_owned();
            drain(request).await;
            let mut response = error_body(&path, status);
            *response.status_mut() = status;
            if let Some(value) = retry_after.and_then(|value| HeaderValue::try_from(value.to_string()).ok()) {
                response.headers_mut().insert(RETRY_AFTER, value);
            }
            response
        }
        FaultEffect::Delay { delay_ms } => {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            next.run(request).await
        }
        FaultEffect::Cut => match request.extensions().get::<ConnectionCut>() {
            Some(cut) => {
                cut.cut();
                std::future::pending().await
            }
            // Served outside the mock's own connection loop: a body that fails closes the connection instead.
            None => Response::new(Body::from_stream(stream::once(async {
                Err::<axum::body::Bytes, _>(io::Error::new(io::ErrorKind::ConnectionAborted, "cut by a fault"))
            }))),
        },
        FaultEffect::Truncate => truncate(next.run(request).await).await,
        FaultEffect::Malformed => {
            drain(request).await;
            (StatusCode::OK, [(CONTENT_TYPE, "application/json;charset=utf-8")], MALFORMED_BODY).into_response()
        }
        FaultEffect::Trickle { chunk_bytes, interval_ms } => {
            trickle(next.run(request).await, chunk_bytes, Duration::from_millis(interval_ms)).await
        }
        FaultEffect::Oversized { bytes, content_length } => {
            drain(request).await;
            oversized(bytes, content_length)
        }
        FaultEffect::Deep { depth } => {
            drain(request).await;
            let depth = depth as usize;
            let body = format!(r#"{{"deep":{}{}}}"#, "[".repeat(depth), "]".repeat(depth));
            (StatusCode::OK, [(CONTENT_TYPE, "application/json;charset=utf-8")], body).into_response()
        }
    }
}

/// Reads the request's body to its end before an answer made here. Left unread, it keeps the connection from
/// being reused, and closing a connection with unread data resets it: a client still reading a long answer
/// would lose the rest of it to the reset.
async fn drain(request: Request) {
    const LONGEST_REQUEST_BODY: usize = 1 << 20;
    let _ = axum::body::to_bytes(request.into_body(), LONGEST_REQUEST_BODY).await;
}

/// The error body of the service the path belongs to.
fn error_body(path: &str, status: StatusCode) -> Response {
    if path.starts_with("/koodrive/") {
        let (code, message) = match status.as_u16() {
            429 => ("APIGW.0308", "The throttling threshold has been reached."),
            502 | 503 => ("APIGW.0201", "The backend is unavailable."),
            504 => ("APIGW.0202", "The backend timed out."),
            _ => ("APIGW.0101", "The request failed (a fault armed in the mock)."),
        };
        return KooDriveError::gateway(status, code, message).into_response();
    }
    let (code, message) = match status.as_u16() {
        400 => ("InvalidParameter", "The request is not valid."),
        401 => ("AccessTokenInvalid", "The access token is invalid."),
        403 => ("ForbiddenNoPermission", "No permission."),
        404 => ("NotFound", "The resource does not exist."),
        429 => ("TooManyRequests", "Too many requests. Slow down and try again later."),
        503 => ("ServiceUnavailable", "The service is unavailable."),
        _ => ("InternalError", "An unexpected condition occurred on the server."),
    };
    PdsError::new(status, code, message).into_response()
}

/// The real answer's status and headers with its full Content-Length, then half its body, then a closed
/// connection.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let first_half = stream::iter([Ok(half)]);
    let then_close = stream::once(async {
        tokio::time::sleep(TRUNCATE_FLUSH).await;
        Err(io::Error::new(io::ErrorKind::ConnectionAborted, "truncated by a fault"))
    });
    Response::from_parts(parts, Body::from_stream(first_half.chain(then_close)))
}

/// The real answer's status and headers with its full Content-Length at once, then its body `chunk_bytes` at a
/// time with `interval` between: a server that keeps the connection busy without ever finishing in time.
async fn trickle(response: Response, chunk_bytes: usize, interval: Duration) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let pieces = stream::unfold(0, move |sent| {
        let bytes = bytes.clone();
        async move {
            if sent >= bytes.len() {
                return None;
            }
            if sent > 0 {
                tokio::time::sleep(interval).await;
            }
            let end = bytes.len().min(sent + chunk_bytes);
            Some((Ok::<_, io::Error>(bytes.slice(sent..end)), end))
        }
    });
    Response::from_parts(parts, Body::from_stream(pieces))
}

/// A 200 with valid JSON of exactly `bytes` bytes, made as it is sent.
fn oversized(bytes: u64, content_length: bool) -> Response {
    let padding = bytes - (OVERSIZED_HEAD.len() + OVERSIZED_TAIL.len()) as u64;
    let pieces = stream::unfold(padding, |left| async move {
        let piece = usize::try_from(left).unwrap_or(usize::MAX).min(OVERSIZED_PIECE);
        (piece > 0).then(|| (Bytes::from_static(&PADDING[..piece]), left - piece as u64))
    });
    let body = stream::iter([Bytes::from_static(OVERSIZED_HEAD)])
        .chain(pieces)
        .chain(stream::iter([Bytes::from_static(OVERSIZED_TAIL)]))
        .map(Ok::<_, io::Error>);
    let mut response = Response::new(Body::from_stream(body));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json;charset=utf-8"));
    if content_length {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: &str) -> FaultRule {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn faults_hit_matching_requests_count_times() {
        let mut faults = Faults::default();
        faults.arm(rule(r#"{"path": "/v2/file/get", "kind": "status", "status": 503, "count": 2}"#)).unwrap();
        assert_eq!(faults.take("POST", "/v2/file/list_delta"), None);
        assert_eq!(faults.take("post", "/v2/file/get").map(|e| e.kind()), Some("status"));
        assert!(faults.take("POST", "/v2/file/get").is_some());
        assert_eq!(faults.take("POST", "/v2/file/get"), None);
    }

    #[test]
    fn retry_after_takes_seconds_or_text() {
        let armed = rule(r#"{"kind": "status", "status": 429, "retry_after": 2}"#);
        assert_eq!(rule_retry_after(&armed.effect).as_deref(), Some("2"));
        let dated = rule(r#"{"kind": "status", "status": 429, "retry_after": "Sun, 22 Nov 2026 17:27:04 GMT"}"#);
        assert_eq!(rule_retry_after(&dated.effect).as_deref(), Some("Sun, 22 Nov 2026 17:27:04 GMT"));
        assert!(Faults::default().arm(rule(r#"{"kind": "status", "status": 42}"#)).is_err());
    }

    #[test]
    fn size_and_depth_faults_take_defaults_and_refuse_what_they_cannot_send() {
        let trickle = rule(r#"{"kind": "trickle"}"#);
        assert_eq!(trickle.effect, FaultEffect::Trickle { chunk_bytes: 8, interval_ms: 100 });
        assert_eq!(rule(r#"{"kind": "deep"}"#).effect, FaultEffect::Deep { depth: 1_000 });
        let oversized = rule(r#"{"kind": "oversized", "bytes": 1048576}"#);
        assert_eq!(oversized.effect, FaultEffect::Oversized { bytes: 1_048_576, content_length: true });
        let mut faults = Faults::default();
        assert!(faults.arm(rule(r#"{"kind": "oversized", "bytes": 13}"#)).is_err());
        assert!(faults.arm(rule(r#"{"kind": "oversized", "bytes": 2000000000}"#)).is_err());
        assert!(faults.arm(rule(r#"{"kind": "trickle", "chunk_bytes": 0}"#)).is_err());
        assert!(faults.arm(rule(r#"{"kind": "deep", "depth": 0}"#)).is_err());
    }
}
