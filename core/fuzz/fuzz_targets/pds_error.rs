//! PDS's error answers: whatever the status and body, the service's error (or a wait before a retry), never a
//! panic, and never a signed URL's signature in the message.
#![no_main]

use drivekit_core::http::HttpResponse;
use drivekit_core::pds::GetFileRequest;
use drivekit_core_fuzz::{answer, pds};
use libfuzzer_sys::fuzz_target;

const STATUSES: [u16; 8] = [400, 401, 403, 404, 409, 429, 500, 503];

fuzz_target!(|input: (u8, &[u8])| {
    let (pick, body) = input;
    let response = HttpResponse::new(STATUSES[usize::from(pick) % STATUSES.len()], body.to_vec());
    let call = pds().call(GetFileRequest::in_drive("1", "f")).unwrap();
    if let Some(ended) = answer(call, response) {
        let error = ended.expect_err("an error status is never a success");
        assert!(matches!(error.code(), "api" | "rate_limited"), "{error}");
        assert!(!error.to_string().contains("Signature="), "{error}");
    }
});
