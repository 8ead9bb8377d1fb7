//! The shared scenarios (`tests/scenarios/*.json`) run through the core's own driver and walker: what every
//! binding must do the same way, done here first. The format is in `tests/scenarios/README.md`.

mod support;

use std::collections::HashMap;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use drivekit_core::call::{Exchange, Operation};
use drivekit_core::driver::{Walker, run};
use drivekit_core::koodrive::{self, KooDriveClient, ListAlbumFilesRequest, SortDirection, SortType};
use drivekit_core::paginate::Listing;
use drivekit_core::pds::{
    CheckNameMode, Credentials, DeltaItem, Endpoint, File, GetFileRequest, GetLastCursorRequest, ListDeltaRequest,
    ListRecyclebinRequest, PdsClient, UpdateFileRequest,
};
use drivekit_core::retry::RetryPolicy;
use drivekit_core::{Error, koodrive::AlbumContent};
use drivekit_mock::DEFAULT_TOKEN;
use reqwest::Method;
use serde_json::Value;
use support::{Harness, HttpPlatform, Provider};

/// The user id KooDrive calls name.
const USER_ID: &str = "1765263620687613825";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shared_scenario_holds_through_the_cores_driver() {
    let harness = Harness::start().await;
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenario in {}", folder.display());
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let scenario: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        if let Some(reason) = scenario["not_in"]["rust"].as_str() {
            println!("scenario {name}: not run here ({reason})");
            continue;
        }
        harness.control(Method::POST, "/reset", Value::Null).await;
        let mut runner = Runner { harness: &harness, positions: HashMap::new(), collected: HashMap::new() };
        let steps = scenario["steps"].as_array().unwrap();
        let outcome = async {
            for (index, step) in steps.iter().enumerate() {
                runner.step(step).await.map_err(|failure| format!("step {}: {failure}", index + 1))?;
            }
            Ok::<(), String>(())
        }
        .await;
        match outcome {
            Ok(()) => println!("scenario {name}: passed"),
            Err(failure) => failures.push(format!("{name}: {failure}")),
        }
    }
    assert!(failures.is_empty(), "scenarios failed:\n{}", failures.join("\n"));
}

/// One scenario's state: positions saved and entry keys collected by its walks.
struct Runner<'a> {
    harness: &'a Harness,
    positions: HashMap<String, String>,
    collected: HashMap<String, Vec<String>>,
}

/// How a step ended: its output (or error), and how long it took.
type Ended = (Result<(), Error>, Duration);

impl Runner<'_> {
    async fn step(&mut self, step: &Value) -> Result<(), String> {
        let (kind, body) = step.as_object().and_then(|step| step.iter().next()).ok_or("a step is an object")?;
        match kind.as_str() {
            "fault" => {
                let (status, answer) = self.harness.control(Method::POST, "/faults", body.clone()).await;
                (status == 201).then_some(()).ok_or(format!("the mock refused the fault: {answer}"))
            }
            "change" => self.change(body).await,
            "clear_requests" => {
                self.harness.control(Method::DELETE, "/requests", Value::Null).await;
                Ok(())
            }
            "rate_limit" => {
                self.harness.control(Method::PUT, "/rate_limit", body.clone()).await;
                Ok(())
            }
            "call" => self.calls(body).await,
            "walk" if body["times"].is_u64() => self.walks(body).await,
            "walk" => {
                let ended = self.walk(body).await?;
                expect(&body["expect"], ended)
            }
            "expect_collected" => self.expect_collected(body),
            "expect_requests" => self.expect_requests(body).await,
            other => Err(format!("unknown step {other}")),
        }
    }

    async fn change(&self, body: &Value) -> Result<(), String> {
        let path = body["path"].as_str().ok_or("a change names its path")?;
        let repeat = body["repeat"].as_u64();
        for n in 1..=repeat.unwrap_or(1) {
            let numbered =
                |text: &str| if repeat.is_some() { text.replace("{n}", &n.to_string()) } else { text.to_owned() };
            let request_body = number_strings(&body["body"], &numbered);
            let (status, answer) = self.harness.control(Method::POST, &numbered(path), request_body).await;
            if !(200..300).contains(&status) {
                return Err(format!("the mock refused {path}: {status} {answer}"));
            }
        }
        Ok(())
    }

    /// Runs the step's call `times` times at once on one client (once by default), and checks each.
    async fn calls(&self, step: &Value) -> Result<(), String> {
        let (platform, provider) = self.platform(&step["options"]);
        let (pds, koodrive) = (self.pds(&step["options"])?, self.koodrive(&step["options"])?);
        let started = Instant::now();
        let times = step["times"].as_u64().unwrap_or(1);
        let calls = (0..times).map(|_| self.call(step, platform.clone(), &pds, &koodrive));
        let results = futures_util::future::join_all(calls).await;
        let took = started.elapsed();
        for result in results {
            expect(&step["expect"], (result?, took))?;
        }
        expect_provider_calls(&step["expect"], &provider)
    }

    /// Runs the step's walk `times` times at once on one client, each to its end.
    async fn walks(&self, step: &Value) -> Result<(), String> {
        let (platform, provider) = self.platform(&step["options"]);
        let pds = self.pds(&step["options"])?;
        let args = &step["args"];
        let started = Instant::now();
        let walks = (0..step["times"].as_u64().unwrap_or(1)).map(|_| async {
            let mut walker = Walker::new(platform.clone(), pds.clone(), list_delta(args), None)?;
            while walker.next_item().await?.is_some() {}
            Ok::<(), Error>(())
        });
        let results = futures_util::future::join_all(walks).await;
        let took = started.elapsed();
        if step["listing"] != "list_delta" {
            return Err("only ListDelta walks run several at once here".to_owned());
        }
        for result in results {
            expect(&step["expect"], (result, took))?;
        }
        expect_provider_calls(&step["expect"], &provider)
    }

    /// The platform of a step's client: with a token provider when its options ask for one.
    fn platform(&self, options: &Value) -> (HttpPlatform, Option<Arc<Provider>>) {
        if options["token_provider"] != true {
            return (self.harness.platform(), None);
        }
        let provider = Arc::new(Provider::default());
        (self.harness.platform().with_provider(Arc::clone(&provider)), Some(provider))
    }

    async fn call(
        &self,
        step: &Value,
        platform: HttpPlatform,
        pds: &PdsClient,
        koodrive: &KooDriveClient,
    ) -> Result<Result<(), Error>, String> {
        let args = &step["args"];
        let cancel_after = step["cancel_after_ms"].as_u64().map(Duration::from_millis);
        let result = match step["operation"].as_str().unwrap_or_default() {
            "get_file" => perform(platform, pds, get_file(args), cancel_after).await,
            "update_file" => perform(platform, pds, update_file(args), cancel_after).await,
            "list_delta" => perform(platform, pds, Ok(list_delta(args)), cancel_after).await,
            "list_recyclebin" => perform(platform, pds, Ok(list_recyclebin(args)), cancel_after).await,
            "get_last_cursor" => {
                let request = GetLastCursorRequest {
                    sync_root_id: text(args, "sync_root_id"),
                    ..GetLastCursorRequest::new(string(args, "drive_id"))
                };
                perform(platform, pds, Ok(request), cancel_after).await
            }
            "list_album_files" => perform(platform, koodrive, list_album_files(args), cancel_after).await,
            other => return Err(format!("unknown operation {other}")),
        };
        Ok(result)
    }

    async fn walk(&mut self, step: &Value) -> Result<Ended, String> {
        let args = &step["args"];
        let from = match step["from"].as_str() {
            Some(name) => Some(self.positions.get(name).ok_or(format!("no position saved as {name}"))?.clone()),
            None => None,
        };
        let started = Instant::now();
        let listing = step["listing"].as_str().unwrap_or_default();
        let (result, position) = match listing {
            "list_delta" => {
                let pds = self.pds(&step["options"])?;
                self.walk_listing(step, pds, Ok(list_delta(args)), from.as_deref(), delta_key).await
            }
            "list_recyclebin" => {
                let pds = self.pds(&step["options"])?;
                self.walk_listing(step, pds, Ok(list_recyclebin(args)), from.as_deref(), file_key).await
            }
            "list_album_files" => {
                let koodrive = self.koodrive(&step["options"])?;
                self.walk_listing(step, koodrive, list_album_files(args), from.as_deref(), album_key).await
            }
            other => return Err(format!("unknown listing {other}")),
        };
        if let (Some(name), Some(position)) = (step["save_position"].as_str(), position) {
            self.positions.insert(name.to_owned(), position);
        }
        Ok((result, started.elapsed()))
    }

    /// Walks by entries or by pages as the step says; answers how it ended and the position it reached.
    async fn walk_listing<C, R>(
        &mut self,
        step: &Value,
        client: C,
        request: Result<R, Error>,
        from: Option<&str>,
        key: fn(&R::Item) -> String,
    ) -> (Result<(), Error>, Option<String>)
    where
        R: Listing + Operation<C> + Clone,
        R::Exchange: Exchange<Output = R::Page>,
    {
        let created = request.and_then(|request| Walker::new(self.harness.platform(), client, request, from));
        let mut walker = match created {
            Ok(walker) => walker,
            Err(error) => return (Err(error), None),
        };
        let mut keys = Vec::new();
        let result = async {
            if let Some(pages) = count(&step["pages"]) {
                for _ in 0..pages {
                    let Some(mut page) = walker.next_page().await? else { break };
                    keys.extend(R::take_items(&mut page).iter().map(key));
                }
            } else {
                for _ in 0..count(&step["items"]).unwrap_or(usize::MAX) {
                    let Some(item) = walker.next_item().await? else { break };
                    keys.push(key(&item));
                }
            }
            Ok(())
        }
        .await;
        if let Some(name) = step["collect"].as_str() {
            self.collected.entry(name.to_owned()).or_default().extend(keys);
        }
        (result, Some(walker.position()))
    }

    fn expect_collected(&self, step: &Value) -> Result<(), String> {
        let lists = step["lists"].as_array().ok_or("expect_collected names its lists")?;
        let mut joined = Vec::new();
        for name in lists.iter().filter_map(Value::as_str) {
            joined.extend(self.collected.get(name).ok_or(format!("nothing collected as {name}"))?.iter().cloned());
        }
        if let Some(name) = step["equal"].as_str() {
            let expected = self.collected.get(name).ok_or(format!("nothing collected as {name}"))?;
            if &joined != expected {
                return Err(format!(
                    "{} keys collected, {} expected; first difference at {:?}",
                    joined.len(),
                    expected.len(),
                    first_difference(&joined, expected)
                ));
            }
        }
        if step["unique"].as_bool() == Some(true) {
            let mut seen = std::collections::HashSet::new();
            if let Some(repeated) = joined.iter().find(|key| !seen.insert(*key)) {
                return Err(format!("{repeated} was handed out twice"));
            }
        }
        for wanted in step["contains_once"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            let times = joined.iter().filter(|key| *key == wanted).count();
            if times != 1 {
                return Err(format!("{wanted} was handed out {times} times"));
            }
        }
        match step["count"].as_u64() {
            Some(count) if joined.len() as u64 != count => {
                Err(format!("{} keys collected, {count} expected", joined.len()))
            }
            _ => Ok(()),
        }
    }

    async fn expect_requests(&self, step: &Value) -> Result<(), String> {
        let path = step["path"].as_str();
        let logged: Vec<Value> = self
            .harness
            .requests()
            .await
            .into_iter()
            .filter(|request| path.is_none_or(|path| request["path"] == path))
            .collect();
        let wanted = step["count"].as_u64().ok_or("expect_requests gives a count")?;
        if logged.len() as u64 != wanted {
            return Err(format!("{} requests logged, {wanted} expected: {logged:?}", logged.len()));
        }
        if let Some(statuses) = step["statuses"].as_array() {
            let seen: Vec<&Value> = logged.iter().map(|request| &request["status"]).collect();
            if seen.iter().copied().ne(statuses.iter()) {
                return Err(format!("statuses {seen:?}, {statuses:?} expected"));
            }
        }
        Ok(())
    }

    fn pds(&self, options: &Value) -> Result<PdsClient, String> {
        let credentials = if options["token_provider"] == true {
            Credentials::token_provider()
        } else {
            Credentials::access_token(DEFAULT_TOKEN).unwrap()
        };
        let client = PdsClient::new(Endpoint::base_url(self.harness.mock.base_url()).unwrap(), credentials);
        let client = client.with_retry_policy(policy(options)).map_err(|error| error.to_string())?;
        match options["max_response_bytes"].as_u64() {
            Some(limit) => client.with_max_response_bytes(limit).map_err(|error| error.to_string()),
            None => Ok(client),
        }
    }

    fn koodrive(&self, options: &Value) -> Result<KooDriveClient, String> {
        let credentials = koodrive::Credentials::access_token(DEFAULT_TOKEN, USER_ID).unwrap();
        let client = KooDriveClient::new(self.harness.mock.base_url(), credentials).unwrap();
        let client = client.with_retry_policy(policy(options)).map_err(|error| error.to_string())?;
        match options["max_response_bytes"].as_u64() {
            Some(limit) => client.with_max_response_bytes(limit).map_err(|error| error.to_string()),
            None => Ok(client),
        }
    }
}

/// Validates the operation, then runs it, dropping it (which cancels it) after `cancel_after`.
async fn perform<C, O: Operation<C>>(
    platform: HttpPlatform,
    client: &C,
    operation: Result<O, Error>,
    cancel_after: Option<Duration>,
) -> Result<(), Error> {
    let call = operation?.call(client)?;
    let running = run(platform, call);
    match cancel_after {
        Some(limit) => cancelled_after(limit, running).await.map(drop),
        None => running.await.map(drop),
    }
}

async fn cancelled_after<T>(limit: Duration, work: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    tokio::time::timeout(limit, work).await.unwrap_or(Err(Error::Cancelled))
}

fn expect(expect: &Value, (result, took): Ended) -> Result<(), String> {
    let took_ms = took.as_millis() as u64;
    if expect["min_ms"].as_u64().is_some_and(|min| took_ms < min)
        || expect["max_ms"].as_u64().is_some_and(|max| took_ms > max)
    {
        return Err(format!("took {took_ms} ms, outside {expect}"));
    }
    match (expect["error"].as_str(), result) {
        (None, Ok(())) => Ok(()),
        (None, Err(error)) => Err(format!("failed: {error}")),
        (Some(kind), Ok(())) => Err(format!("succeeded, {kind} expected")),
        (Some(kind), Err(error)) => {
            let status = error.api().map(|api| u64::from(api.status));
            let same = error.code() == kind
                && expect["field"].as_str().is_none_or(|field| error.field() == Some(field))
                && expect["status"].as_u64().is_none_or(|wanted| status == Some(wanted))
                && expect["limit"]
                    .as_u64()
                    .is_none_or(|wanted| matches!(error, Error::ResponseTooLarge { limit } if limit == wanted))
                && expect["message_contains"].as_str().is_none_or(|part| error.to_string().contains(part));
            same.then_some(()).ok_or(format!("failed with {} ({error}), {expect} expected", error.code()))
        }
    }
}

fn expect_provider_calls(expect: &Value, provider: &Option<Arc<Provider>>) -> Result<(), String> {
    let Some(wanted) = expect["provider_calls"].as_u64() else { return Ok(()) };
    let asked = provider.as_ref().map_or(0, |provider| provider.asked());
    (asked == wanted).then_some(()).ok_or(format!("the token provider was asked {asked} times, {wanted} expected"))
}

fn policy(options: &Value) -> RetryPolicy {
    let default = RetryPolicy::default();
    let millis = |name: &str, default: Duration| options[name].as_u64().map_or(default, Duration::from_millis);
    RetryPolicy {
        max_attempts: options["max_attempts"].as_u64().map_or(default.max_attempts, |attempts| attempts as u32),
        attempt_timeout: millis("attempt_timeout_ms", default.attempt_timeout),
        total_timeout: millis("timeout_ms", default.total_timeout),
        ..default
    }
}

fn count(value: &Value) -> Option<usize> {
    match value {
        Value::String(all) if all == "all" => Some(usize::MAX),
        value => value.as_u64().map(|count| count as usize),
    }
}

fn first_difference(got: &[String], expected: &[String]) -> Option<usize> {
    (0..got.len().max(expected.len())).find(|&index| got.get(index) != expected.get(index))
}

fn number_strings(value: &Value, numbered: &dyn Fn(&str) -> String) -> Value {
    match value {
        Value::String(text) => Value::String(numbered(text)),
        Value::Object(map) => map.iter().map(|(name, value)| (name.clone(), number_strings(value, numbered))).collect(),
        other => other.clone(),
    }
}

fn string(args: &Value, name: &str) -> String {
    text(args, name).unwrap_or_default()
}

fn text(args: &Value, name: &str) -> Option<String> {
    args[name].as_str().map(str::to_owned)
}

fn list_delta(args: &Value) -> ListDeltaRequest {
    ListDeltaRequest {
        sync_root_id: text(args, "sync_root_id"),
        cursor: text(args, "cursor"),
        limit: args["limit"].as_i64(),
        ..ListDeltaRequest::new(string(args, "drive_id"))
    }
}

fn list_recyclebin(args: &Value) -> ListRecyclebinRequest {
    ListRecyclebinRequest {
        marker: text(args, "marker"),
        limit: args["limit"].as_i64(),
        ..ListRecyclebinRequest::new(string(args, "drive_id"))
    }
}

fn get_file(args: &Value) -> Result<GetFileRequest, Error> {
    Ok(GetFileRequest {
        drive_id: text(args, "drive_id"),
        share_id: text(args, "share_id"),
        url_expire_sec: args["url_expire_sec"].as_i64(),
        fields: text(args, "fields"),
        ..GetFileRequest::in_drive("", string(args, "file_id"))
    })
}

fn update_file(args: &Value) -> Result<UpdateFileRequest, Error> {
    Ok(UpdateFileRequest {
        name: text(args, "name"),
        description: text(args, "description"),
        check_name_mode: text(args, "check_name_mode").map(|mode| mode.parse::<CheckNameMode>()).transpose()?,
        ..UpdateFileRequest::new(string(args, "drive_id"), string(args, "file_id"))
    })
}

fn list_album_files(args: &Value) -> Result<ListAlbumFilesRequest, Error> {
    Ok(ListAlbumFilesRequest {
        page_size: args["page_size"].as_i64(),
        page_cursor: text(args, "page_cursor"),
        sort_type: args["sort_type"].as_i64().map(SortType::try_from).transpose()?,
        sort_direction: args["sort_direction"].as_i64().map(SortDirection::try_from).transpose()?,
        ..ListAlbumFilesRequest::new(string(args, "album_id"))
    })
}

fn delta_key(item: &DeltaItem) -> String {
    let op = item.op.as_ref().map(|op| op.as_str().to_owned()).unwrap_or_default();
    format!("{op}/{}", item.file_id.as_deref().unwrap_or_default())
}

fn file_key(file: &File) -> String {
    file.file_id.clone().unwrap_or_default()
}

fn album_key(photo: &AlbumContent) -> String {
    photo.id.clone().unwrap_or_default()
}
