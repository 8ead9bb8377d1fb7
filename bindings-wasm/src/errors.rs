//! The one place where a core error becomes a JavaScript value, and where a panic, should one ever happen,
//! becomes a clear error instead of a silent `unreachable`.

use std::cell::RefCell;

use drivekit_core::Error;
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;

/// The error as the package's entry module expects it: an `Error` carrying `code` and what is known, from
/// which it makes the exported subclass (`ValidationError`, `ApiError`, …).
pub(crate) fn to_js(error: &Error) -> JsValue {
    let message = match error {
        Error::InvalidArgument { field, rule } => {
            format!("invalid argument `{}`: {}", input_name(field), with_input_names(rule))
        }
        other => other.to_string(),
    };
    let raw = js_sys::Error::new(&message);
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh `Error` cannot fail.
        let _ = Reflect::set(&raw, &JsValue::from_str(key), &value);
    };
    set("code", error.code().into());
    if let Some(field) = error.field() {
        set("field", input_name(field).into());
    }
    if let Some(api) = error.api() {
        set("status", api.status.into());
        set("service", api.service.to_string().into());
        set("apiKind", api.kind.as_str().into());
        set("serviceMessage", api.message.as_str().into());
        if !api.code.is_empty() {
            set("serviceCode", api.code.as_str().into());
        }
        if let Some(request_id) = &api.request_id {
            set("requestId", request_id.as_str().into());
        }
    }
    match error {
        Error::RateLimited { retry_after: Some(wait), .. } => set("retryAfterMs", (wait.as_secs_f64() * 1000.0).into()),
        Error::Transport { kind, .. } | Error::OutcomeUnknown { kind, .. } => {
            set("transportKind", kind.to_string().into());
        }
        // A limit past 2^53 bytes is no limit a JavaScript number need tell apart.
        Error::ResponseTooLarge { limit } => set("limit", (*limit as f64).into()),
        _ => {}
    }
    raw.into()
}

/// The names a JavaScript caller writes for what the core, or a nested option read here, calls otherwise: the
/// one place where names are translated. Any other core name is its own camelCase (`drive_id` is `driveId`), and
/// KooDrive's own names (`pageSize`, `albumId`) are already what a caller wrote.
const INPUT_NAMES: [(&str, &str); 22] = [
    ("domain_id", "domainId"),
    ("base_url", "baseUrl"),
    ("access_token", "accessToken"),
    ("share_token", "shareToken"),
    ("token_provider", "getAccessToken"),
    // The core names AccessKey pairs among the kinds of credentials, though this package refuses them.
    ("access_key_id", "accessKeyId"),
    ("access_key_secret", "accessKeySecret"),
    ("security_token", "securityToken"),
    ("X-User-Id", "userId"),
    ("X-Traceid", "traceId"),
    ("max_attempts", "retry.maxAttempts"),
    ("initial_backoff", "retry.initialBackoffMs"),
    ("max_backoff", "retry.maxBackoffMs"),
    ("attempt_timeout", "retry.attemptTimeoutMs"),
    ("total_timeout", "timeoutMs"),
    ("max_requests_per_second", "rateLimit.maxRequestsPerSecond"),
    // The properties of `retry` and `rateLimit`, read here, named with the object they are in.
    ("maxAttempts", "retry.maxAttempts"),
    ("initialBackoffMs", "retry.initialBackoffMs"),
    ("maxBackoffMs", "retry.maxBackoffMs"),
    ("attemptTimeoutMs", "retry.attemptTimeoutMs"),
    ("maxRequestsPerSecond", "rateLimit.maxRequestsPerSecond"),
    ("adaptive", "rateLimit.adaptive"),
];

/// The JavaScript input a core field name stands for.
fn input_name(field: &str) -> String {
    if let Some((_, name)) = INPUT_NAMES.iter().find(|(core, _)| *core == field) {
        return (*name).to_owned();
    }
    let mut name = String::with_capacity(field.len());
    let mut upper = false;
    for c in field.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                name.extend(c.to_uppercase());
                upper = false;
            }
            c => name.push(c),
        }
    }
    name
}

/// A rule's text with the names of the table above as the caller writes them (`must not exceed max_backoff`).
/// Nothing else changes: a word such as `auto_rename` in a rule is a value, written as it is.
fn with_input_names(rule: &str) -> String {
    let in_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let mut text = String::with_capacity(rule.len());
    let mut rest = rule;
    while let Some(start) = rest.find(in_word) {
        text.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(|c: char| !in_word(c)).unwrap_or(rest.len());
        let word = &rest[..end];
        match INPUT_NAMES.iter().find(|(core, _)| *core == word) {
            Some((_, name)) => text.push_str(name),
            None => text.push_str(word),
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    text
}

thread_local! {
    static PANIC_LISTENER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the function told about a panic. Panics are kept out by construction (no `unwrap` on input,
/// every input checked by the core); should one still happen, the module cannot go on, and the entry module
/// rejects every pending call with a `DriveError` saying so instead of leaving promises unsettled.
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(listener: Function) {
    PANIC_LISTENER.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(listener);
        }
    });
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        PANIC_LISTENER.with(|slot| {
            if let Ok(slot) = slot.try_borrow()
                && let Some(listener) = slot.as_ref()
            {
                let _ = listener.call1(&JsValue::UNDEFINED, &JsValue::from_str(&message));
            }
        });
    }));
}

#[cfg(test)]
mod tests {
    use super::{input_name, with_input_names};

    #[test]
    fn core_field_names_become_the_names_a_caller_writes() {
        assert_eq!(input_name("drive_id"), "driveId");
        assert_eq!(input_name("check_name_mode"), "checkNameMode");
        assert_eq!(input_name("pageSize"), "pageSize");
        assert_eq!(input_name("X-Traceid"), "traceId");
        assert_eq!(input_name("X-User-Id"), "userId");
        assert_eq!(input_name("limit"), "limit");
        assert_eq!(input_name("position"), "position");
        assert_eq!(input_name("token_provider"), "getAccessToken");
        assert_eq!(input_name("total_timeout"), "timeoutMs");
        assert_eq!(input_name("maxAttempts"), "retry.maxAttempts");
        assert_eq!(input_name("max_requests_per_second"), "rateLimit.maxRequestsPerSecond");
        assert_eq!(input_name("adaptive"), "rateLimit.adaptive");
    }

    #[test]
    fn rules_name_options_and_credentials_as_written_but_leave_values_alone() {
        assert_eq!(with_input_names("must not exceed max_backoff"), "must not exceed retry.maxBackoffMs");
        assert_eq!(
            with_input_names("cannot go with access_token: give only one of access_token or token_provider."),
            "cannot go with accessToken: give only one of accessToken or getAccessToken."
        );
        assert_eq!(with_input_names("must be ignore, auto_rename or refuse"), "must be ignore, auto_rename or refuse");
    }
}
