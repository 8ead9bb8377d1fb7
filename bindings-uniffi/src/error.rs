//! The one error enum of the Kotlin and Swift libraries (`DriveException` in Kotlin, `DriveError` in Swift),
//! mapped from the core's error in one place.

use std::time::Duration;

use drivekit_core::{ApiError, Error};

/// Everything that can go wrong in a call, in the terms a user acts on. Never holds a secret or a whole body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum DriveError {
    /// An input broke a documented rule; nothing was sent.
    #[error("invalid argument `{field}`: {rule}")]
    InvalidArgument {
        /// The input's wire name, e.g. `limit` or `pageSize`.
        field: String,
        /// The rule it broke, e.g. `must be between 0 and 100`.
        rule: String,
    },
    /// The service answered with an error.
    #[error("{service} error {code} (HTTP {status}): {reason}")]
    Api {
        /// `PDS` or `KooDrive`.
        service: String,
        /// The HTTP status.
        status: u16,
        /// The broad meaning, for programs: `bad_request`, `unauthorized`, `forbidden`, `not_found`, `conflict`,
        /// `too_many_requests`, `server_error` or `other`.
        kind: String,
        /// The service's code as sent, e.g. `NotFound.File`; empty when none was sent.
        code: String,
        /// The service's message.
        reason: String,
        /// The request id to quote to support, when the service sent one.
        request_id: Option<String>,
    },
    /// The service kept answering "too many requests" until retries ran out.
    #[error("rate limited: {service} error {code} (HTTP {status}): {reason}")]
    RateLimited {
        /// How long the service last asked to wait, when it said.
        retry_after: Option<Duration>,
        /// `PDS` or `KooDrive`.
        service: String,
        /// The HTTP status (429).
        status: u16,
        /// The service's code as sent.
        code: String,
        /// The service's message.
        reason: String,
        /// The request id to quote to support, when the service sent one.
        request_id: Option<String>,
    },
    /// A response could not be read.
    #[error("could not decode {what}: {detail}")]
    Decode {
        /// What was being read, e.g. `ListDelta response`.
        what: String,
        /// Where and why, with the first bytes of the body.
        detail: String,
    },
    /// The transport could not complete the exchange, and retries did not help.
    #[error("transport failed ({kind}): {reason}")]
    Transport {
        /// How far the request got: `connect` or `io`.
        kind: String,
        /// The platform's description.
        reason: String,
    },
    /// A request that changes something may have been applied, but its answer was lost (the connection broke
    /// after it left, or the attempt ran out of time). It was not sent again: read what it changed to learn
    /// whether it was applied.
    #[error("the outcome is unknown: the request may have been applied, but its answer was lost ({kind}): {reason}")]
    OutcomeUnknown {
        /// How far the request got: `io` or `timeout`.
        kind: String,
        /// The platform's description.
        reason: String,
    },
    /// The call ran out of time.
    #[error("timed out after {after:?}")]
    Timeout {
        /// The limit that was reached.
        after: Duration,
    },
    /// The service's answer was longer than the client's `max_response_bytes`, so it was refused without being
    /// read whole. It was not sent again: the same request would get the same answer. For a change, the service
    /// did receive it; read what it changed to learn whether it was applied.
    #[error("the response is larger than the limit of {limit} bytes; it was refused unread")]
    ResponseTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The call was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A listing returned a position it had already returned, which would loop forever.
    #[error("the service repeated the page position `{position}`")]
    RepeatedCursor {
        /// The repeated cursor, marker or page cursor.
        position: String,
    },
    /// The app's access-token provider failed.
    #[error("the access-token provider failed: {reason}")]
    TokenProvider {
        /// What it said.
        reason: String,
    },
}

impl From<Error> for DriveError {
    fn from(error: Error) -> Self {
        match error {
            Error::InvalidArgument { field, rule } => DriveError::InvalidArgument { field: field.to_owned(), rule },
            Error::Api(api) => api_error(api),
            Error::RateLimited { retry_after, api } => DriveError::RateLimited {
                retry_after,
                service: api.service.to_string(),
                status: api.status,
                code: api.code,
                reason: api.message,
                request_id: api.request_id,
            },
            Error::Decode { what, detail } => DriveError::Decode { what, detail },
            Error::Transport { kind, message } => DriveError::Transport { kind: kind.to_string(), reason: message },
            Error::OutcomeUnknown { kind, message } => {
                DriveError::OutcomeUnknown { kind: kind.to_string(), reason: message }
            }
            Error::Timeout(after) => DriveError::Timeout { after },
            Error::ResponseTooLarge { limit } => DriveError::ResponseTooLarge { limit },
            Error::Cancelled => DriveError::Cancelled,
            Error::RepeatedCursor { position } => DriveError::RepeatedCursor { position },
            Error::TokenProvider(reason) => DriveError::TokenProvider { reason },
            // The core may grow kinds; until this enum does, they arrive as their message, never silently lost.
            other => DriveError::Decode { what: other.code().to_owned(), detail: other.to_string() },
        }
    }
}

fn api_error(api: ApiError) -> DriveError {
    DriveError::Api {
        service: api.service.to_string(),
        status: api.status,
        kind: api.kind.as_str().to_owned(),
        code: api.code,
        reason: api.message,
        request_id: api.request_id,
    }
}
