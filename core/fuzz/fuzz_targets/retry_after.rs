//! `Retry-After` as services send it, and as they should not: a wait of at most a day, or the backoff.
#![no_main]

use std::time::Duration;

use drivekit_core::call::{Action, Event};
use drivekit_core::http::HttpResponse;
use drivekit_core::pds::GetLastCursorRequest;
use drivekit_core_fuzz::{TICK, pds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|value: &str| {
    let response = HttpResponse::new(429, "").with_header("Retry-After", value);
    let mut call = pds().call(GetLastCursorRequest::new("1")).unwrap();
    let _ = call.step(Event::Start, TICK);
    match call.step(Event::Response(response), TICK) {
        Action::Sleep(wait) => assert!(wait <= Duration::from_secs(86_400), "{wait:?}"),
        Action::Done(Err(_)) => {}
        other => panic!("{other:?}"),
    }
});
