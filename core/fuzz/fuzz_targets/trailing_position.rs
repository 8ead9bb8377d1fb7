//! The next page's position read from the end of a body before it is decoded: never a panic, and whenever the
//! body decodes, the same position the decoded page names.
#![no_main]

use drivekit_core::http::HttpResponse;
use drivekit_core::koodrive::ListAlbumFilesRequest;
use drivekit_core::paginate::{Next, Paginated};
use drivekit_core::pds::{ListDeltaRequest, ListRecyclebinRequest};
use drivekit_core_fuzz::{answer, koodrive, pds};
use libfuzzer_sys::fuzz_target;

/// The early read may find nothing, but what it finds must be what decoding finds.
fn agrees<R: Paginated>(peeked: Option<String>, decoded: Option<Result<R::Page, drivekit_core::Error>>) {
    let (Some(peeked), Some(Ok(page))) = (peeked, decoded) else { return };
    match R::next(R::links(&page)) {
        Ok(Next::More(position)) => assert_eq!(position, peeked),
        other => panic!("the body named {peeked:?} early, the page says {other:?}"),
    }
}

fuzz_target!(|body: &[u8]| {
    let response = || HttpResponse::new(200, body.to_vec());
    let delta = answer(pds().call(ListDeltaRequest::new("1")).unwrap(), response());
    agrees::<ListDeltaRequest>(ListDeltaRequest::peek_next(body), delta);
    let bin = answer(pds().call(ListRecyclebinRequest::new("1")).unwrap(), response());
    agrees::<ListRecyclebinRequest>(ListRecyclebinRequest::peek_next(body), bin);
    let album = answer(koodrive().call(ListAlbumFilesRequest::new("a")).unwrap(), response());
    agrees::<ListAlbumFilesRequest>(ListAlbumFilesRequest::peek_next(body), album);
});
