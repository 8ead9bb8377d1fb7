//! GetFile's successful answers: whatever the body, a typed answer or a decode error, never a panic.
#![no_main]

use drivekit_core::http::HttpResponse;
use drivekit_core::pds::GetFileRequest;
use drivekit_core_fuzz::{answer, pds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let call = pds().call(GetFileRequest::in_drive("1", "f")).unwrap();
    let ended = answer(call, HttpResponse::new(200, body.to_vec())).expect("a 2xx answer is never retried");
    if let Err(error) = ended {
        assert_eq!(error.code(), "decode", "{error}");
    }
});
