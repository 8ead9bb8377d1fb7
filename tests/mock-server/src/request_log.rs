//! The log of service requests (not control requests), so that a test can assert how many attempts a client
//! made and which faults hit them.

use std::collections::VecDeque;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;

use crate::app::{App, lock};
use crate::clock::now_unix_ms;

/// The log keeps the newest entries only, so that a long benchmark cannot grow it without bound.
const MAX_ENTRIES: usize = 10_000;

/// One service request.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LoggedRequest {
    /// Numbers the requests in arrival order, from 1.
    pub seq: u64,
    pub method: String,
    pub path: String,
    /// The answer's status; none while it is pending, or when the connection was cut.
    pub status: Option<u16>,
    /// When it arrived, in Unix milliseconds.
    pub at_unix_ms: u64,
    /// The kind of fault that was applied, if any.
    pub fault: Option<&'static str>,
}

/// Which log entry a request is, for the layers inside the logging one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogSlot(u64);

#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: VecDeque<LoggedRequest>,
    last_seq: u64,
}

impl RequestLog {
    fn start(&mut self, method: &str, path: &str) -> LogSlot {
        self.last_seq += 1;
        if self.entries.len() == MAX_ENTRIES {
            self.entries.pop_front();
        }
        self.entries.push_back(LoggedRequest {
            seq: self.last_seq,
            method: method.to_owned(),
            path: path.to_owned(),
            status: None,
            at_unix_ms: now_unix_ms(),
            fault: None,
        });
        LogSlot(self.last_seq)
    }

    fn entry(&mut self, slot: LogSlot) -> Option<&mut LoggedRequest> {
        let first = self.entries.front()?.seq;
        self.entries.get_mut(usize::try_from(slot.0.checked_sub(first)?).ok()?)
    }

    /// Notes the fault applied to a request.
    pub fn note_fault(&mut self, slot: LogSlot, fault: &'static str) {
        if let Some(entry) = self.entry(slot) {
            entry.fault = Some(fault);
        }
    }

    pub fn entries(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Logs a request when it arrives and its status when it is answered.
pub(crate) async fn record(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
    let slot = lock(&app.requests).start(request.method().as_str(), request.uri().path());
    request.extensions_mut().insert(slot);
    let response = next.run(request).await;
    if let Some(entry) = lock(&app.requests).entry(slot) {
        entry.status = Some(response.status().as_u16());
    }
    response
}
