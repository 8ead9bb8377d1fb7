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
        Error::InvalidArgument { field, rule } => format!("invalid argument `{}`: {rule}", input_name(field)),
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
        Error::Transport { kind, .. } => set("transportKind", kind.to_string().into()),
        _ => {}
    }
    raw.into()
}

/// The JavaScript input a core field name stands for: the options and inputs are camelCase (`drive_id` is
/// `driveId`), while KooDrive's own names (`pageSize`, `X-Traceid`) are already what a caller wrote.
fn input_name(field: &str) -> String {
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
    use super::input_name;

    #[test]
    fn core_field_names_become_the_inputs_camel_case_names() {
        assert_eq!(input_name("drive_id"), "driveId");
        assert_eq!(input_name("check_name_mode"), "checkNameMode");
        assert_eq!(input_name("pageSize"), "pageSize");
        assert_eq!(input_name("X-Traceid"), "X-Traceid");
        assert_eq!(input_name("limit"), "limit");
    }
}
