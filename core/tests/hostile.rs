//! Answers no honest service sends: each ends as a decode error naming what was being read, never a panic, a
//! stack overflow or a retry.

use drivekit_core::Error;
use drivekit_core::call::{Action, Event, Tick};
use drivekit_core::http::HttpResponse;
use drivekit_core::koodrive::{self, KooDriveClient, ListAlbumFilesRequest};
use drivekit_core::pds::{Credentials, Endpoint, GetFileRequest, ListDeltaRequest, PdsClient};

const TICK: Tick = Tick { unix_ms: 1_795_368_414_000, random: 0 };

/// What a ListDelta call ends with when the service answers `body` with a 200.
fn list_delta(body: Vec<u8>) -> Result<(), Error> {
    let client =
        PdsClient::new(Endpoint::base_url("http://127.0.0.1:9").unwrap(), Credentials::access_token("t").unwrap());
    let mut call = client.call(ListDeltaRequest::new("1")).unwrap();
    assert!(matches!(call.step(Event::Start, TICK), Action::Send { .. }));
    match call.step(Event::Response(HttpResponse::new(200, body)), TICK) {
        Action::Done(result) => result.map(drop),
        other => panic!("a body that cannot be read is not retried: {other:?}"),
    }
}

fn is_decode_error(result: Result<(), Error>) -> bool {
    matches!(result, Err(Error::Decode { .. }))
}

#[test]
fn json_nested_beyond_any_real_page_is_refused_without_exhausting_the_stack() {
    for depth in [200, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let in_unknown_field = format!(r#"{{"items":[],"has_more":false,"cursor":"c","extra":{nested}}}"#);
        assert!(is_decode_error(list_delta(in_unknown_field.into_bytes())), "depth {depth}");
        let in_a_model = format!(r#"{{"items":[{{"file":{{"labels":{nested}}}}}],"cursor":"c"}}"#);
        assert!(is_decode_error(list_delta(in_a_model.into_bytes())), "depth {depth} in a model");
    }
}

#[test]
fn json_nested_too_deep_is_a_decode_error_that_says_so() {
    let depth = |levels: usize| format!(r#"{{"cursor":"c","extra":{}{}}}"#, "[".repeat(levels), "]".repeat(levels));
    // The object itself is the first level: 127 levels are read, the 128th is refused.
    assert!(list_delta(depth(126).into_bytes()).is_ok());
    let error = list_delta(depth(127).into_bytes()).unwrap_err();
    assert_eq!(error.code(), "decode");
    assert!(error.to_string().contains("the JSON is nested deeper than 127 levels at line 1 column 149"), "{error}");
}

#[test]
fn broken_text_numbers_and_shapes_are_decode_errors() {
    let bodies: [&[u8]; 7] = [
        b"",
        b"\xff\xfe{}",
        br#"{"items":[],"cursor":"c""#,
        br#"{"items":{"op":"create"},"cursor":"c"}"#,
        br#"{"items":[],"cursor":"c"} trailing"#,
        b"[]",
        b"null",
    ];
    for body in bodies {
        assert!(is_decode_error(list_delta(body.to_vec())), "{:?}", String::from_utf8_lossy(body));
    }
}

#[test]
fn every_decoder_survives_arbitrary_bytes() {
    let pds =
        PdsClient::new(Endpoint::base_url("http://127.0.0.1:9").unwrap(), Credentials::access_token("t").unwrap());
    let koodrive =
        KooDriveClient::new("http://127.0.0.1:9", koodrive::Credentials::access_token("t", "u").unwrap()).unwrap();
    // A small, fixed generator: the same bytes on every run.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = br#"{}[]:,"\ 0123456789.eE-+truefalsnl_abcdxyz"#;
    for round in 0..2_000 {
        let len = (next() % 200) as usize;
        let body: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
        let status = [200, 400, 404, 429, 500, 503][round % 6];
        let response = || HttpResponse::new(status, body.clone());
        let mut get_file = pds.call(GetFileRequest::in_drive("1", "f")).unwrap();
        let _ = get_file.step(Event::Start, TICK);
        let _ = get_file.step(Event::Response(response()), TICK);
        let mut album = koodrive.call(ListAlbumFilesRequest::new("a")).unwrap();
        let _ = album.step(Event::Start, TICK);
        let _ = album.step(Event::Response(response()), TICK);
    }
}
