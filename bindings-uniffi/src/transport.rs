//! The seam between the core and the platform: the app's HTTP stack sends what the core asks for, and the
//! app's timers do the waiting, so proxies, pinning and interceptors apply and waits stay cancellable.

use std::time::Duration;

use drivekit_core::TransportErrorKind;
use drivekit_core::call::Event;
use drivekit_core::http::{AttemptLimits, HttpRequest, HttpResponse};

/// One HTTP header. Its text form (`toString`, `description`) shows the name but never the value, which may be a
/// credential.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct HttpHeader {
    /// The header's name (lower case in requests).
    pub name: String,
    /// The header's value.
    pub value: String,
}

/// The value may be a token or a signature, and a header list is easy to log whole.
impl std::fmt::Debug for HttpHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpHeader").field("name", &self.name).field("value_len", &self.value.len()).finish()
    }
}

/// A request for the transport to send: complete, auth included, with how long this attempt may take and how long
/// its answer may be. Its text form (`toString`, `description`) names the headers but never shows their values.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct TransportRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// The absolute URL, query included and already percent-encoded.
    pub url: String,
    /// Every header to send, in order.
    pub headers: Vec<HttpHeader>,
    /// The body; empty for `GET`.
    pub body: Body,
    /// How long the attempt may take before the transport gives up with `TransportError.Timeout`: the whole
    /// exchange, from connecting to the body's last byte, however steadily bytes still arrive.
    pub timeout: Duration,
    /// The longest body to accept. A transport refuses a longer one with `TransportError.ResponseTooLarge`: at
    /// once when `Content-Length` announces it, else as soon as one byte more has arrived, never reading it whole.
    /// (The core's `DEFAULT_MAX_RESPONSE_BYTES`, 16 MiB, for a request made by hand.)
    #[uniffi(default = 16777216)]
    pub max_response_bytes: u64,
}

/// Header values carry credentials, so only the names show.
impl std::fmt::Debug for TransportRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|header| header.name.as_str()).collect();
        f.debug_struct("TransportRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &header_names)
            .field("body_len", &self.body.0.len())
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl TransportRequest {
    pub(crate) fn new(request: HttpRequest, limits: AttemptLimits) -> Self {
        let headers = request.headers.into_iter().map(|(name, value)| HttpHeader { name, value }).collect();
        TransportRequest {
            method: request.method.as_str().to_owned(),
            url: request.url,
            headers,
            body: Body(request.body),
            timeout: limits.timeout,
            max_response_bytes: limits.max_response_bytes,
        }
    }
}

/// What the transport received: the status, the headers and the whole body.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransportResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The headers as received.
    pub headers: Vec<HttpHeader>,
    /// The body bytes.
    pub body: Body,
}

impl From<TransportResponse> for HttpResponse {
    fn from(response: TransportResponse) -> Self {
        let headers = response.headers.into_iter().map(|header| (header.name, header.value)).collect();
        HttpResponse { status: response.status, headers, body: response.body.0 }
    }
}

/// An HTTP body: `ByteArray` in Kotlin, `Data` in Swift. uniffi lifts a plain `Vec<u8>` byte by byte, which
/// for a page of a listing takes longer than decoding it; this crosses in one copy, in the very same form.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Body(pub(crate) Vec<u8>);

/// A body may hold anything a service sends back, signed URLs included: only its length shows.
impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body(bytes)
    }
}

// SAFETY: the wire form is uniffi's own for `Vec<u8>` (a big-endian i32 length, then the bytes), which the
// generated Kotlin and Swift read and write as bytes, and the type id is that of `Vec<u8>`.
#[allow(unsafe_code)]
unsafe impl uniffi::FfiConverter<crate::UniFfiTag> for Body {
    type FfiType = uniffi::RustBuffer;

    fn lower(body: Self) -> uniffi::RustBuffer {
        let mut buffer = Vec::with_capacity(4 + body.0.len());
        Self::write(body, &mut buffer);
        uniffi::RustBuffer::from_vec(buffer)
    }

    fn try_lift(buffer: uniffi::RustBuffer) -> uniffi::Result<Self> {
        let bytes = buffer.destroy_into_vec();
        let mut rest = bytes.as_slice();
        let body = Self::try_read(&mut rest)?;
        if !rest.is_empty() {
            uniffi::deps::anyhow::bail!("{} bytes left over after a body", rest.len());
        }
        Ok(body)
    }

    fn write(body: Self, buffer: &mut Vec<u8>) {
        // The length is an i32. Request bodies are small JSON; one past 2 GiB would be cut there, never misframed.
        let len = i32::try_from(body.0.len()).unwrap_or(i32::MAX);
        buffer.extend_from_slice(&len.to_be_bytes());
        buffer.extend_from_slice(&body.0[..len.unsigned_abs() as usize]);
    }

    fn try_read(buffer: &mut &[u8]) -> uniffi::Result<Self> {
        let Some((len, rest)) = buffer.split_first_chunk::<4>() else {
            uniffi::deps::anyhow::bail!("a body's length is cut short");
        };
        let len = usize::try_from(i32::from_be_bytes(*len))?;
        let Some((bytes, rest)) = rest.split_at_checked(len) else {
            uniffi::deps::anyhow::bail!("a body of {len} bytes is cut short at {}", rest.len());
        };
        *buffer = rest;
        Ok(Body(bytes.to_vec()))
    }

    const TYPE_ID_META: uniffi::MetadataBuffer = <Vec<u8> as uniffi::TypeId<crate::UniFfiTag>>::TYPE_ID_META;
}

uniffi::derive_ffi_traits!(local Body);

/// Why the transport could not complete an exchange; how far it got decides whether resending is safe.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum TransportError {
    /// No connection was made (DNS, refused, TLS handshake): the server never saw the request.
    #[error("could not connect: {reason}")]
    Connect {
        /// The platform's description, without headers or body.
        reason: String,
    },
    /// The connection failed after the request may have been sent (reset, cut, truncated answer).
    #[error("connection failed: {reason}")]
    Io {
        /// The platform's description, without headers or body.
        reason: String,
    },
    /// The attempt took longer than the request's timeout.
    #[error("timed out: {reason}")]
    Timeout {
        /// The platform's description.
        reason: String,
    },
    /// The body was longer than the request's `max_response_bytes`; the transport stopped reading it.
    #[error("response too large: {reason}")]
    ResponseTooLarge {
        /// The platform's description.
        reason: String,
    },
}

/// A transport that throws something other than `TransportError` is treated as a failed connection.
impl From<uniffi::UnexpectedUniFFICallbackError> for TransportError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TransportError::Io { reason: error.reason }
    }
}

impl From<TransportError> for Event {
    fn from(error: TransportError) -> Self {
        let (kind, message) = match error {
            TransportError::Connect { reason } => (TransportErrorKind::Connect, reason),
            TransportError::Io { reason } => (TransportErrorKind::Io, reason),
            TransportError::Timeout { reason } => (TransportErrorKind::Timeout, reason),
            TransportError::ResponseTooLarge { reason } => (TransportErrorKind::ResponseTooLarge, reason),
        };
        Event::TransportFailed { kind, message }
    }
}

/// The app's HTTP stack and timers, implemented in Kotlin or Swift.
#[uniffi::export(foreign)]
#[async_trait::async_trait]
pub trait HttpTransport: Send + Sync {
    /// Sends the request and returns the response, whatever its status; fails only when no complete response
    /// arrived. Cancelling the call cancels this.
    async fn send(&self, request: TransportRequest) -> Result<TransportResponse, TransportError>;

    /// Waits this long before a retry; cancelling the call cancels this.
    async fn sleep(&self, duration: Duration);
}

/// The app's source of access tokens: asked when a client has no token, and again when the service refuses the
/// one it has, once for all the client's calls.
#[uniffi::export(foreign)]
#[async_trait::async_trait]
pub trait AccessTokenProvider: Send + Sync {
    /// The access token to use now; after a 401 it is asked once more, and may refresh.
    async fn access_token(&self) -> Result<String, TokenProviderError>;
}

/// Why the app's token provider has no token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum TokenProviderError {
    /// The provider could not get a token (signed out, offline, refresh refused).
    #[error("no access token: {reason}")]
    Failed {
        /// What went wrong; never the token.
        reason: String,
    },
}

/// A provider that throws something other than `TokenProviderError` fails the same way.
impl From<uniffi::UnexpectedUniFFICallbackError> for TokenProviderError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TokenProviderError::Failed { reason: error.reason }
    }
}

#[cfg(test)]
mod tests {
    use uniffi::{Lift, Lower};

    use super::*;
    use crate::UniFfiTag;

    #[test]
    fn a_body_crosses_in_the_very_form_of_uniffis_bytes() {
        let bytes = vec![0, 1, 0x7f, 0x80, 0xff];
        let lowered = <Body as Lower<UniFfiTag>>::lower(Body(bytes.clone()));
        assert_eq!(<Vec<u8> as Lift<UniFfiTag>>::try_lift(lowered).unwrap(), bytes);
        let lowered = <Vec<u8> as Lower<UniFfiTag>>::lower(bytes.clone());
        assert_eq!(<Body as Lift<UniFfiTag>>::try_lift(lowered).unwrap(), Body(bytes));
        assert_eq!(format!("{:?}", Body(b"secret".to_vec())), "<6 bytes>");
    }

    #[test]
    fn a_request_made_by_hand_gets_the_cores_default_response_limit() {
        // `#[uniffi(default = …)]` takes a literal only: it must stay the core's constant.
        assert_eq!(drivekit_core::http::DEFAULT_MAX_RESPONSE_BYTES, 16_777_216);
    }

    #[test]
    fn a_body_cut_short_is_refused() {
        let mut lowered = Vec::new();
        <Body as Lower<UniFfiTag>>::write(Body(vec![1, 2, 3]), &mut lowered);
        for cut in 0..lowered.len() {
            assert!(<Body as Lift<UniFfiTag>>::try_read(&mut &lowered[..cut]).is_err(), "{cut} bytes");
        }
        let mut whole = lowered.as_slice();
        assert_eq!(<Body as Lift<UniFfiTag>>::try_read(&mut whole).unwrap(), Body(vec![1, 2, 3]));
        assert!(whole.is_empty());
    }
}
