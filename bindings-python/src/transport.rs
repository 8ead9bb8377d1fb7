//! The HTTP transport: reqwest over rustls with a connection pool, on the module's tokio runtime.

use std::error::Error as _;
use std::time::Duration;

use drivekit_core::TransportErrorKind;
use drivekit_core::call::Event;
use drivekit_core::http::{AttemptLimits, HttpRequest, HttpResponse, Method};
use tokio::runtime::Runtime;

/// The runtime every call runs on, shared with asyncio's bridge so that both kinds of client pool alike.
pub(crate) fn runtime() -> &'static Runtime {
    pyo3_async_runtimes::tokio::get_runtime()
}

/// Sends the core's requests and reports what came back as the core's events.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    client: reqwest::Client,
}

impl Transport {
    pub(crate) fn new() -> Result<Self, String> {
        let client = reqwest::Client::builder()
            // The core sends exactly what it signed; a redirect would resend credentials somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .map_err(|err| describe(&err))?;
        Ok(Transport { client })
    }

    /// Performs one `Action::Send`. reqwest's timeout runs until the body's last byte, so a server that trickles
    /// its answer is stopped there too.
    pub(crate) async fn send(&self, request: HttpRequest, limits: AttemptLimits) -> Event {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self.client.request(method, &request.url).timeout(limits.timeout);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if !request.body.is_empty() {
            builder = builder.body(request.body);
        }
        match receive(builder, limits).await {
            Ok(Received::Whole(response)) => Event::Response(response),
            Ok(Received::TooLarge) => Event::TransportFailed {
                kind: TransportErrorKind::ResponseTooLarge,
                message: format!("the body is longer than {} bytes", limits.max_response_bytes),
            },
            Err(err) => Event::TransportFailed { kind: kind_of(&err), message: describe(&err.without_url()) },
        }
    }
}

/// What came back: the whole answer, or word that its body is past the limit (and was not read on).
enum Received {
    Whole(HttpResponse),
    TooLarge,
}

/// Reads the answer chunk by chunk, never holding more than the limit: a body announced or found to be longer is
/// dropped there, which closes its connection.
async fn receive(builder: reqwest::RequestBuilder, limits: AttemptLimits) -> Result<Received, reqwest::Error> {
    let mut response = builder.send().await?;
    if response.content_length().is_some_and(|announced| limits.is_too_large(announced)) {
        return Ok(Received::TooLarge);
    }
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    let announced = response.content_length().unwrap_or(0);
    let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
    while let Some(chunk) = response.chunk().await? {
        if limits.is_too_large((body.len() + chunk.len()) as u64) {
            return Ok(Received::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Received::Whole(HttpResponse { status, headers, body }))
}

/// How far a failed exchange got: the core decides from this whether resending is safe.
fn kind_of(err: &reqwest::Error) -> TransportErrorKind {
    if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_connect() || err.is_builder() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    }
}

/// The error and its causes on one line, without the URL (transports never print requests).
fn describe(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
