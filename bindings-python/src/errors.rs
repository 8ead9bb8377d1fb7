//! The one place where the core's errors become Python exceptions (the classes live in `drivekit._errors`).

use drivekit_core::{ApiError, Error};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The names a Python caller writes for what the core calls otherwise: KooDrive's wire names and the retry
/// policy's fields. Every other core name (`drive_id`, `limit`, `position`) is already the keyword.
const ARGUMENT_NAMES: [(&str, &str); 8] = [
    ("albumId", "album_id"),
    ("pageSize", "page_size"),
    ("sortType", "sort_type"),
    ("sortDirection", "sort_direction"),
    ("X-Traceid", "trace_id"),
    ("X-User-Id", "user_id"),
    ("total_timeout", "timeout"),
    ("max_attempts", "retries"),
];

/// The exception a core error is raised as; a refused input is named by its keyword argument.
pub(crate) fn to_py_err(py: Python<'_>, error: Error) -> PyErr {
    let error = match error {
        Error::InvalidArgument { field, rule } => Error::InvalidArgument { field: argument_name(field), rule },
        other => other,
    };
    exception(py, &error).unwrap_or_else(|failure| failure)
}

/// The keyword argument a core field name stands for.
fn argument_name(field: &'static str) -> &'static str {
    ARGUMENT_NAMES.iter().find(|(core, _)| *core == field).map_or(field, |(_, name)| name)
}

fn exception(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let module = ERRORS_MODULE.get_or_try_init(py, || py.import("drivekit._errors").map(Bound::unbind))?.bind(py);
    let details = PyDict::new(py);
    details.set_item("kind", error.code())?;
    let class = match error {
        Error::InvalidArgument { field, rule } => {
            details.set_item("field", field)?;
            details.set_item("rule", rule)?;
            "ValidationError"
        }
        Error::Api(api) => {
            set_api_details(&details, api)?;
            "ApiError"
        }
        Error::RateLimited { retry_after, api } => {
            set_api_details(&details, api)?;
            details.set_item("retry_after", retry_after.map(|wait| wait.as_secs_f64()))?;
            "RateLimitedError"
        }
        Error::Decode { .. } => "DecodeError",
        Error::Transport { kind, .. } => {
            details.set_item("transport_kind", kind.to_string())?;
            "TransportError"
        }
        Error::OutcomeUnknown { kind, .. } => {
            details.set_item("transport_kind", kind.to_string())?;
            "OutcomeUnknownError"
        }
        Error::Timeout(after) => {
            details.set_item("after", after.as_secs_f64())?;
            "TimeoutError"
        }
        Error::ResponseTooLarge { limit } => {
            details.set_item("limit", limit)?;
            "ResponseTooLargeError"
        }
        // Cancelled, a repeated page position, a failing token provider: told apart by `kind`.
        _ => "DriveError",
    };
    let instance = module.getattr(class)?.call((error.to_string(),), Some(&details))?;
    Ok(PyErr::from_value(instance))
}

fn set_api_details(details: &Bound<'_, PyDict>, api: &ApiError) -> PyResult<()> {
    details.set_item("service", api.service.to_string())?;
    details.set_item("status", api.status)?;
    details.set_item("api_kind", api.kind.as_str())?;
    details.set_item("code", &api.code)?;
    details.set_item("message", &api.message)?;
    details.set_item("request_id", &api.request_id)
}
