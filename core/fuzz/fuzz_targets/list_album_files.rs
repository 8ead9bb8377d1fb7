//! ListAlbumFiles's successful answers: whatever the body, a typed page, a decode error, or the
//! error code KooDrive may send under HTTP 200; never a panic.
#![no_main]

use drivekit_core::http::HttpResponse;
use drivekit_core::koodrive::ListAlbumFilesRequest;
use drivekit_core_fuzz::{answer, koodrive};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let call = koodrive().call(ListAlbumFilesRequest::new("a")).unwrap();
    let ended = answer(call, HttpResponse::new(200, body.to_vec())).expect("a 2xx answer is never retried");
    if let Err(error) = ended {
        assert!(matches!(error.code(), "decode" | "api"), "{error}");
    }
});
