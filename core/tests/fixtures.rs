//! The shared fixtures (`tests/fixtures/manifest.json`) run through the core. Every binding's suite reads the same
//! manifest and must reach the same verdicts; this is the Rust one, and the reference for the others.

use std::path::PathBuf;

use drivekit_core::call::{Action, Event, Exchange, Tick};
use drivekit_core::http::{HttpRequest, HttpResponse};
use drivekit_core::koodrive::{self, KooDriveClient, ListAlbumFilesRequest, SortDirection, SortType};
use drivekit_core::paginate::{Next, Paginated};
use drivekit_core::pds::{
    self, CheckNameMode, Endpoint, GetFileRequest, GetLastCursorRequest, ImageProcess, ListDeltaRequest,
    ListRecyclebinRequest, PdsClient, PdsOperation, UpdateFileRequest,
};
use drivekit_core::{Error, Timestamp};
use percent_encoding::percent_decode_str;
use serde::Serialize;
use serde_json::{Map, Value, json};

const BASE_URL: &str = "http://127.0.0.1:9";

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(fixtures_dir().join("manifest.json")).expect("the manifest is readable");
    serde_json::from_str(&text).expect("the manifest is JSON")
}

fn cases(section: &str) -> Vec<Value> {
    manifest()[section].as_array().unwrap_or_else(|| panic!("the manifest has `{section}`")).clone()
}

/// Runs every case, then fails once, listing every case that disagreed.
fn check_all(section: &str, check: impl Fn(&Value) -> Result<(), String>) {
    let cases = cases(section);
    assert!(!cases.is_empty(), "`{section}` has no cases");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check(case).err().map(|why| format!("{}: {why}", case["name"].as_str().unwrap_or("?"))))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} `{section}` cases disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---- responses ------------------------------------------------------------------------------------------------

/// A decoded answer as the wire's JSON, and where its paginator goes next.
type Decoded = (Value, Option<Result<Next, Error>>);

fn pds_client() -> PdsClient {
    PdsClient::new(Endpoint::base_url(BASE_URL).unwrap(), pds::Credentials::access_token("t").unwrap())
}

fn koodrive_client() -> KooDriveClient {
    KooDriveClient::new(BASE_URL, koodrive::Credentials::access_token("t", "u").unwrap()).unwrap()
}

fn parse_pds<O: PdsOperation>(operation: O, response: &HttpResponse) -> Result<O::Output, Error> {
    pds_client().call(operation).expect("a valid operation").exchange().parse(response)
}

fn paged<R: Paginated>(page: R::Page) -> Decoded
where
    R::Page: Serialize,
{
    let next = R::next(R::links(&page));
    (serde_json::to_value(&page).unwrap(), Some(next))
}

fn unpaged<T: Serialize>(output: T) -> Decoded {
    (serde_json::to_value(&output).unwrap(), None)
}

fn decode_response(case: &Value) -> Result<Decoded, Error> {
    let body = std::fs::read(fixtures_dir().join(case["file"].as_str().unwrap())).expect("the fixture file exists");
    let mut response = HttpResponse::new(case["status"].as_u64().unwrap() as u16, body);
    for (name, value) in case["headers"].as_object().into_iter().flatten() {
        response = response.with_header(name, value.as_str().unwrap());
    }
    match case["operation"].as_str().unwrap() {
        "ListDelta" => parse_pds(ListDeltaRequest::new("1"), &response).map(paged::<ListDeltaRequest>),
        "ListRecyclebin" => parse_pds(ListRecyclebinRequest::new("1"), &response).map(paged::<ListRecyclebinRequest>),
        "GetFile" => parse_pds(GetFileRequest::in_drive("1", "f"), &response).map(unpaged),
        "UpdateFile" => parse_pds(UpdateFileRequest::new("1", "f"), &response).map(unpaged),
        "GetLastCursor" => parse_pds(GetLastCursorRequest::new("1"), &response).map(unpaged),
        "ListAlbumFiles" => {
            let call = koodrive_client().call(ListAlbumFilesRequest::new("a")).unwrap();
            call.exchange().parse(&response).map(paged::<ListAlbumFilesRequest>)
        }
        other => panic!("unknown operation {other}"),
    }
}

/// JSON equality where numbers compare by value (`1920` equals `1920.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn check_decoded((value, next): &Decoded, check: &Value) -> Result<(), String> {
    if let Some(expected) = check.get("pagination") {
        let (done, position) = match next {
            Some(Ok(Next::More(position))) => (false, Some(position.clone())),
            Some(Ok(Next::End { resume_at })) => (true, resume_at.clone()),
            Some(Err(error)) => return Err(format!("the paginator failed: {error}")),
            None => return Err("the operation does not paginate".into()),
        };
        let got = json!({ "done": done, "next": position });
        return if same(&got, expected) { Ok(()) } else { Err(format!("pagination {got} != {expected}")) };
    }
    let path = check["path"].as_str().ok_or("a check without a path")?;
    let found = value.pointer(path);
    let expect = |ok: bool, what: &str| if ok { Ok(()) } else { Err(format!("{path}: {what}, found {found:?}")) };
    if let Some(expected) = check.get("equals").or_else(|| check.get("unknown")) {
        expect(found.is_some_and(|found| same(found, expected)), &format!("expected {expected}"))
    } else if check.get("absent").is_some() {
        expect(found.is_none_or(Value::is_null), "expected absent")
    } else if let Some(length) = check.get("length") {
        expect(found.and_then(Value::as_array).map(Vec::len) == length.as_u64().map(|n| n as usize), "length")
    } else if let Some(millis) = check.get("timestamp_ms") {
        let parsed = found.and_then(Value::as_str).and_then(|text| Timestamp::new(text).unix_millis());
        expect(parsed == millis.as_i64(), &format!("expected timestamp_ms {millis}, parsed {parsed:?}"))
    } else {
        Err(format!("unknown check {check}"))
    }
}

fn check_error(error: &Error, expected: &Value) -> Result<(), String> {
    let mut got = Map::new();
    got.insert("kind".into(), error.code().into());
    if let Some(field) = error.field() {
        got.insert("field".into(), field.into());
    }
    if let Some(api) = error.api() {
        got.insert("status".into(), api.status.into());
        got.insert("code".into(), api.code.clone().into());
        got.insert("message".into(), api.message.clone().into());
        got.insert("request_id".into(), api.request_id.clone().into());
        got.insert("api_kind".into(), api.kind.as_str().into());
    }
    for (key, want) in expected.as_object().ok_or("an error expectation must be an object")? {
        if !got.get(key).is_some_and(|have| same(have, want)) {
            return Err(format!("error {key}: expected {want}, got {:?} ({error})", got.get(key)));
        }
    }
    Ok(())
}

#[test]
fn every_response_fixture_decodes_as_the_manifest_says() {
    check_all("responses", |case| {
        let expect = &case["expect"];
        match (decode_response(case), expect.get("error")) {
            (Ok(decoded), None) => {
                let checks = expect["checks"].as_array().ok_or("no checks")?;
                checks.iter().try_for_each(|check| check_decoded(&decoded, check))
            }
            (Err(error), Some(expected)) => check_error(&error, expected),
            (Ok(_), Some(expected)) => Err(format!("decoded, but expected the error {expected}")),
            (Err(error), None) => Err(format!("failed: {error}")),
        }
    });
}

/// The position a driver reads early from a page's raw body (to send for the next page while this one decodes)
/// must be the one the decoded page names; and on the fixtures written as the services write, it must be found.
#[test]
fn every_position_read_early_from_a_body_is_the_one_its_decoded_page_names() {
    fn early_and_decoded<R: Paginated>(body: &[u8], decoded: Result<R::Page, Error>) -> (Option<String>, Option<Next>) {
        (R::peek_next(body), decoded.ok().map(|page| R::next(R::links(&page))).and_then(Result::ok))
    }
    let found = std::cell::RefCell::new(Vec::new());
    check_all("responses", |case| {
        let body = std::fs::read(fixtures_dir().join(case["file"].as_str().unwrap())).expect("the fixture file exists");
        let response = HttpResponse::new(case["status"].as_u64().unwrap() as u16, body.clone());
        let operation = case["operation"].as_str().unwrap();
        let (early, decoded) = match operation {
            "ListDelta" => {
                early_and_decoded::<ListDeltaRequest>(&body, parse_pds(ListDeltaRequest::new("1"), &response))
            }
            "ListRecyclebin" => {
                early_and_decoded::<ListRecyclebinRequest>(&body, parse_pds(ListRecyclebinRequest::new("1"), &response))
            }
            "ListAlbumFiles" => {
                let call = koodrive_client().call(ListAlbumFilesRequest::new("a")).unwrap();
                early_and_decoded::<ListAlbumFilesRequest>(&body, call.exchange().parse(&response))
            }
            _ => return Ok(()),
        };
        match (early, decoded) {
            (None, _) => Ok(()),
            (Some(early), Some(Next::More(position))) if early == position => {
                found.borrow_mut().push(operation.to_owned());
                Ok(())
            }
            (Some(early), decoded) => Err(format!("read {early:?} early, but the page decodes to {decoded:?}")),
        }
    });
    for operation in ["ListDelta", "ListRecyclebin", "ListAlbumFiles"] {
        assert!(
            found.borrow().iter().any(|seen| seen == operation),
            "no {operation} fixture had its next position read early"
        );
    }
}

// ---- requests -------------------------------------------------------------------------------------------------

fn text(input: &Value, key: &str) -> Option<String> {
    input.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn number(input: &Value, key: &str) -> Option<i64> {
    input.get(key).and_then(Value::as_i64)
}

fn flag(input: &Value, key: &str) -> Option<bool> {
    input.get(key).and_then(Value::as_bool)
}

const TICK: Tick = Tick { unix_ms: 1_795_368_414_000, random: 1 };

/// Builds the operation a binding would build from these parameters, and runs it to its first request.
fn first_request(operation: &str, input: &Value) -> Result<HttpRequest, Error> {
    first_request_with(&pds_client(), operation, input, TICK)
}

fn first_request_with(pds: &PdsClient, operation: &str, input: &Value, tick: Tick) -> Result<HttpRequest, Error> {
    match operation {
        "ListDelta" => first_send(
            pds.call(ListDeltaRequest {
                drive_id: text(input, "drive_id").unwrap_or_default(),
                sync_root_id: text(input, "sync_root_id"),
                cursor: text(input, "cursor"),
                limit: number(input, "limit"),
            })?,
            tick,
        ),
        "ListRecyclebin" => first_send(
            pds.call(ListRecyclebinRequest {
                drive_id: text(input, "drive_id").unwrap_or_default(),
                marker: text(input, "marker"),
                limit: number(input, "limit"),
                fields: text(input, "fields"),
                thumbnail_processes: input.get("thumbnail_processes").and_then(Value::as_object).map(|processes| {
                    let process = |rule: &Value, key: &str| rule.get(key).and_then(Value::as_str).map(str::to_owned);
                    processes
                        .iter()
                        .map(|(key, rule)| {
                            let image_process = ImageProcess {
                                image_thumbnail_process: process(rule, "image_thumbnail_process"),
                                video_thumbnail_process: process(rule, "video_thumbnail_process"),
                                document_thumbnail_process: process(rule, "document_thumbnail_process"),
                            };
                            (key.clone(), image_process)
                        })
                        .collect()
                }),
            })?,
            tick,
        ),
        "GetFile" => first_send(
            pds.call(GetFileRequest {
                drive_id: text(input, "drive_id"),
                share_id: text(input, "share_id"),
                file_id: text(input, "file_id").unwrap_or_default(),
                url_expire_sec: number(input, "url_expire_sec"),
                fields: text(input, "fields"),
            })?,
            tick,
        ),
        "UpdateFile" => first_send(
            pds.call(UpdateFileRequest {
                drive_id: text(input, "drive_id").unwrap_or_default(),
                file_id: text(input, "file_id").unwrap_or_default(),
                name: text(input, "name"),
                description: text(input, "description"),
                labels: input
                    .get("labels")
                    .and_then(Value::as_array)
                    .map(|labels| labels.iter().map(|label| label.as_str().unwrap_or_default().to_owned()).collect()),
                check_name_mode: text(input, "check_name_mode")
                    .map(|mode| mode.parse::<CheckNameMode>())
                    .transpose()?,
                local_modified_at: text(input, "local_modified_at"),
                hidden: flag(input, "hidden"),
                starred: flag(input, "starred"),
            })?,
            tick,
        ),
        "GetLastCursor" => first_send(
            pds.call(GetLastCursorRequest {
                drive_id: text(input, "drive_id").unwrap_or_default(),
                sync_root_id: text(input, "sync_root_id"),
            })?,
            tick,
        ),
        "ListAlbumFiles" => first_send(
            koodrive_client().call(ListAlbumFilesRequest {
                album_id: text(input, "albumId").unwrap_or_default(),
                page_size: number(input, "pageSize"),
                page_cursor: text(input, "pageCursor"),
                sort_type: number(input, "sortType").map(SortType::try_from).transpose()?,
                sort_direction: number(input, "sortDirection").map(SortDirection::try_from).transpose()?,
                trace_id: None,
            })?,
            tick,
        ),
        other => panic!("unknown operation {other}"),
    }
}

fn first_send<E: Exchange>(mut call: drivekit_core::call::Call<E>, tick: Tick) -> Result<HttpRequest, Error>
where
    E::Output: std::fmt::Debug,
{
    match call.step(Event::Start, tick) {
        Action::Send { request, .. } => Ok(request),
        Action::Done(Err(error)) => Err(error),
        other => panic!("expected a request, got {other:?}"),
    }
}

fn split_url(url: &str) -> (String, Map<String, Value>) {
    let rest = url.strip_prefix(BASE_URL).expect("requests go to the base URL");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key.to_owned(), Value::String(percent_decode_str(value).decode_utf8_lossy().into_owned()))
        })
        .collect();
    (path.to_owned(), query)
}

#[test]
fn every_request_fixture_is_built_or_refused_as_the_manifest_says() {
    check_all("requests", |case| {
        let expect = &case["expect"];
        match (first_request(case["operation"].as_str().unwrap(), &case["input"]), expect.get("error")) {
            (Ok(request), None) => {
                let (path, query) = split_url(&request.url);
                let body = if request.body.is_empty() {
                    Value::Null
                } else {
                    serde_json::from_slice(&request.body).map_err(|err| format!("the body is not JSON: {err}"))?
                };
                let got = json!({ "method": request.method.as_str(), "path": path, "query": query, "body": body });
                if same(&got, &expect["request"]) {
                    Ok(())
                } else {
                    Err(format!("sent {got}, expected {}", expect["request"]))
                }
            }
            (Err(error), Some(expected)) => check_error(&error, expected),
            (Ok(request), Some(expected)) => Err(format!("sent {}, but expected the error {expected}", request.url)),
            (Err(error), None) => Err(format!("refused: {error}")),
        }
    });
}

// ---- signing --------------------------------------------------------------------------------------------------

/// Requests recorded from the official SDK with a fixed date and nonce: the core must sign them identically.
#[test]
fn requests_are_signed_exactly_as_the_official_sdk_signs_them() {
    check_all("signing", |case| {
        let raw = std::fs::read_to_string(fixtures_dir().join(case["file"].as_str().unwrap())).unwrap();
        let vector: Value = serde_json::from_str(&raw).unwrap();
        let headers = &vector["headers"];
        let credentials = match (vector.get("access_key_id"), vector.get("security_token"), vector.get("bearer_token"))
        {
            (Some(id), Some(token), _) => pds::Credentials::sts(
                id.as_str().unwrap(),
                vector["access_key_secret"].as_str().unwrap(),
                token.as_str().unwrap(),
            ),
            (Some(id), None, _) => {
                pds::Credentials::access_key(id.as_str().unwrap(), vector["access_key_secret"].as_str().unwrap())
            }
            (None, _, Some(token)) => pds::Credentials::access_token(token.as_str().unwrap()),
            _ => return Err("a vector without credentials".into()),
        }
        .map_err(|err| err.to_string())?;
        let date = headers["date"].as_str().unwrap_or("Thu, 01 Jan 1970 00:00:00 GMT");
        let tick = Tick {
            unix_ms: parse_http_date(date) * 1000,
            random: headers
                .get("x-acs-signature-nonce")
                .and_then(Value::as_str)
                .map_or(0, |nonce| u128::from_str_radix(nonce, 16).unwrap()),
        };
        let body: Value = serde_json::from_str(vector["body"].as_str().unwrap()).unwrap();
        let client = PdsClient::new(Endpoint::base_url(BASE_URL).unwrap(), credentials);
        let operation = match vector["path"].as_str().unwrap() {
            "/v2/file/list_delta" => "ListDelta",
            "/v2/file/get" => "GetFile",
            "/v2/file/update" => "UpdateFile",
            "/v2/recyclebin/list" => "ListRecyclebin",
            "/v2/file/get_last_cursor" => "GetLastCursor",
            other => return Err(format!("no operation at {other}")),
        };
        let request = first_request_with(&client, operation, &body, tick).map_err(|err| err.to_string())?;
        let sent_body: Value = serde_json::from_slice(&request.body).unwrap();
        if sent_body != body {
            return Err(format!("body {sent_body} != {body}"));
        }
        for name in
            ["authorization", "x-acs-bearer-token", "x-acs-security-token", "x-acs-action", "x-acs-version", "date"]
        {
            let ours = request.header(name);
            let theirs = headers.get(name).and_then(Value::as_str);
            let skip_unsigned_date = name == "date" && vector.get("bearer_token").is_some();
            if ours != theirs && !skip_unsigned_date {
                return Err(format!("{name}: ours {ours:?}, the official SDK's {theirs:?}"));
            }
        }
        Ok(())
    });
}

/// Seconds since the epoch of an RFC 1123 date, for replaying the recorded `date` header.
fn parse_http_date(date: &str) -> u64 {
    use time::format_description::well_known::Rfc2822;
    time::OffsetDateTime::parse(date, &Rfc2822).expect("an HTTP date").unix_timestamp() as u64
}
