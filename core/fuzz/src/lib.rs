//! What the fuzz targets share: clients that send nowhere, and a call answered with the fuzzer's bytes.

use drivekit_core::Error;
use drivekit_core::call::{Action, Call, Event, Exchange, Tick};
use drivekit_core::http::HttpResponse;
use drivekit_core::koodrive::{self, KooDriveClient};
use drivekit_core::pds::{Credentials, Endpoint, PdsClient};

/// A fixed time, so that a crash found once is found again.
pub const TICK: Tick = Tick { unix_ms: 1_795_368_414_000, random: 0x8a30960ed1d63628097a361324b58233 };

/// A PDS client with a bearer token.
pub fn pds() -> PdsClient {
    PdsClient::new(Endpoint::base_url("http://127.0.0.1:9").unwrap(), Credentials::access_token("t").unwrap())
}

/// A KooDrive client with a bearer token.
pub fn koodrive() -> KooDriveClient {
    KooDriveClient::new("http://127.0.0.1:9", koodrive::Credentials::access_token("t", "u").unwrap()).unwrap()
}

/// Sends the call's first request and answers it with `response`; returns what the call did next. Whatever the
/// bytes, the call must end or ask to wait, and a 2xx answer must never be retried.
pub fn answer<E: Exchange>(mut call: Call<E>, response: HttpResponse) -> Option<Result<E::Output, Error>> {
    let success = response.is_success();
    match call.step(Event::Start, TICK) {
        Action::Send { .. } => {}
        _ => panic!("a call's first step sends"),
    }
    match call.step(Event::Response(response), TICK) {
        Action::Done(result) => Some(result),
        Action::Sleep(_) if !success => None,
        _ => panic!("an answer ends the call or asks to wait before a retry"),
    }
}
