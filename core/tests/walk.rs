//! The walk of a listing through the core's driver, against a feed served from memory: positions resume after
//! any entry with nothing repeated or missed, the next page is sent for early and never twice, and positions of
//! another listing are refused.

use std::cell::RefCell;
use std::future::{Future, Ready, ready};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use drivekit_core::call::{Event, Tick};
use drivekit_core::driver::{Platform, Walker};
use drivekit_core::http::{AttemptLimits, HttpRequest, HttpResponse};
use drivekit_core::pds::{Credentials, Endpoint, ListDeltaRequest, ListRecyclebinRequest, PdsClient};
use serde_json::{Value, json};

/// A drive whose delta feed and recycle bin hold `entries` entries each, served in pages; it notes each request's
/// position.
#[derive(Clone, Default)]
struct Feed {
    entries: usize,
    /// The position each request asked for (`-` for none), in order.
    asked: Rc<RefCell<Vec<String>>>,
    /// A position whose next request is refused (a 403, which is not retried).
    fail_once: Rc<RefCell<Option<String>>>,
}

impl Feed {
    fn new(entries: usize) -> Self {
        Feed { entries, ..Feed::default() }
    }

    fn page(&self, request: &HttpRequest) -> HttpResponse {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let delta = request.url.ends_with("/v2/file/list_delta");
        let position = body[if delta { "cursor" } else { "marker" }].as_str().unwrap_or_default().to_owned();
        self.asked.borrow_mut().push(if position.is_empty() { "-".to_owned() } else { position.clone() });
        if self.fail_once.borrow().as_deref() == Some(position.as_str()) {
            self.fail_once.borrow_mut().take();
            return HttpResponse::new(403, r#"{"code":"ForbiddenNoPermission","message":"no"}"#);
        }
        let start: usize = position.parse().unwrap_or(0);
        let limit = body["limit"].as_u64().map_or(if delta { 100 } else { 50 }, |limit| limit as usize);
        let end = (start + limit).min(self.entries);
        let more = end < self.entries;
        let items: Vec<Value> = (start..end)
            .map(|n| {
                if delta {
                    json!({"op": "create", "file_id": format!("f{n}")})
                } else {
                    json!({"file_id": format!("f{n}")})
                }
            })
            .collect();
        // As the services write them: the items first, the position fields after them.
        let items = Value::from(items);
        let page = if delta {
            format!(r#"{{"items":{items},"has_more":{more},"cursor":"{end}"}}"#)
        } else {
            format!(r#"{{"items":{items},"next_marker":"{}"}}"#, if more { end.to_string() } else { String::new() })
        };
        HttpResponse::new(200, page)
    }
}

impl Platform for Feed {
    type Sending = Ready<Event>;
    type Sleeping = Ready<()>;
    type Fetching = Ready<Event>;

    fn send(&self, request: HttpRequest, _: AttemptLimits) -> Ready<Event> {
        ready(Event::Response(self.page(&request)))
    }

    fn sleep(&self, _: Duration) -> Ready<()> {
        ready(())
    }

    fn access_token(&self) -> Ready<Event> {
        ready(Event::TokenProviderFailed("no provider".into()))
    }

    fn tick(&self) -> Tick {
        Tick { unix_ms: 1_795_368_414_000, random: 0 }
    }
}

/// Polls on this thread: every future here is ready at once or after one self-wake.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

fn client() -> PdsClient {
    PdsClient::new(Endpoint::base_url("http://127.0.0.1:9").unwrap(), Credentials::access_token("t").unwrap())
}

type Walk<R> = Walker<Feed, PdsClient, R>;

fn delta(feed: &Feed, position: Option<&str>) -> Walk<ListDeltaRequest> {
    Walker::new(feed.clone(), client(), ListDeltaRequest::new("1"), position).unwrap()
}

fn recyclebin(feed: &Feed, position: Option<&str>) -> Walk<ListRecyclebinRequest> {
    let request = ListRecyclebinRequest { limit: Some(100), ..ListRecyclebinRequest::new("1") };
    Walker::new(feed.clone(), client(), request, position).unwrap()
}

/// The file ids of the next `count` entries (fewer when the listing ends first).
fn take_delta(walker: &mut Walk<ListDeltaRequest>, count: usize) -> Vec<String> {
    (0..count).map_while(|_| block_on(walker.next_item()).unwrap()).map(|item| item.file_id.unwrap()).collect()
}

fn take_recyclebin(walker: &mut Walk<ListRecyclebinRequest>, count: usize) -> Vec<String> {
    (0..count).map_while(|_| block_on(walker.next_item()).unwrap()).map(|file| file.file_id.unwrap()).collect()
}

fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|n| format!("f{n}")).collect()
}

#[test]
fn a_walk_resumed_after_any_entry_repeats_nothing_and_misses_nothing() {
    let feed = Feed::new(250);
    for stop_after in [1, 37, 99, 100, 101, 199, 250] {
        let mut first = delta(&feed, None);
        let mut seen = take_delta(&mut first, stop_after);
        let saved = first.position();
        drop(first);
        let mut resumed = delta(&feed, Some(saved.as_str()));
        seen.extend(take_delta(&mut resumed, usize::MAX));
        assert_eq!(seen, ids(0..250), "stopped after {stop_after}");

        let mut first = recyclebin(&feed, None);
        let mut seen = take_recyclebin(&mut first, stop_after);
        let saved = first.position();
        let mut resumed = recyclebin(&feed, Some(saved.as_str()));
        seen.extend(take_recyclebin(&mut resumed, usize::MAX));
        assert_eq!(seen, ids(0..250), "recycle bin stopped after {stop_after}");
    }
}

#[test]
fn a_finished_delta_feed_resumes_with_the_changes_made_since() {
    let mut feed = Feed::new(120);
    let mut walker = delta(&feed, None);
    assert_eq!(take_delta(&mut walker, usize::MAX), ids(0..120));
    assert_eq!(walker.cursor(), Some("120"), "the service's cursor stays readable");
    let saved = walker.position();
    feed.entries = 130;
    assert_eq!(take_delta(&mut delta(&feed, Some(saved.as_str())), usize::MAX), ids(120..130));
    assert_eq!(take_delta(&mut delta(&feed, Some("120")), usize::MAX), ids(120..130), "a raw cursor is its page");
}

#[test]
fn pages_resumed_mid_page_leave_out_the_entries_handed_out() {
    let feed = Feed::new(150);
    let mut items = delta(&feed, None);
    take_delta(&mut items, 37);
    let mut pages = delta(&feed, Some(items.position().as_str()));
    let first = block_on(pages.next_page()).unwrap().unwrap();
    assert_eq!(first.items.unwrap().len(), 63);
    let position = pages.position();
    assert_eq!(take_delta(&mut delta(&feed, Some(position.as_str())), usize::MAX), ids(100..150));
}

#[test]
fn the_next_page_is_sent_for_before_a_page_is_handed_out_and_never_twice() {
    let feed = Feed::new(250);
    let mut walker = delta(&feed, None);
    assert!(block_on(walker.next_page()).unwrap().is_some());
    assert_eq!(*feed.asked.borrow(), ["-", "100"], "page 2 is on its way once page 1 is out");
    assert!(block_on(walker.next_page()).unwrap().is_some());
    assert_eq!(*feed.asked.borrow(), ["-", "100", "200"], "and page 3 once page 2 is, every page ahead in turn");
    while block_on(walker.next_page()).unwrap().is_some() {}
    assert_eq!(*feed.asked.borrow(), ["-", "100", "200"]);
    assert!(walker.is_done());
}

#[test]
fn a_failed_page_is_fetched_again_from_where_the_walk_stood() {
    let feed = Feed::new(250);
    feed.fail_once.borrow_mut().replace("200".into());
    let mut walker = delta(&feed, None);
    assert_eq!(take_delta(&mut walker, 200), ids(0..200));
    let before = walker.position();
    assert!(block_on(walker.next_item()).is_err(), "the page sent for early failed");
    assert_eq!(walker.position(), before);
    assert_eq!(take_delta(&mut walker, usize::MAX), ids(200..250));
    assert_eq!(*feed.asked.borrow(), ["-", "100", "200", "200"]);
}

#[test]
fn a_position_from_another_listing_is_refused_by_name_before_anything_is_sent() {
    let feed = Feed::new(10);
    let mut walker = delta(&feed, None);
    take_delta(&mut walker, 3);
    let saved = walker.position();
    let other_drive = Walker::new(feed.clone(), client(), ListDeltaRequest::new("2"), Some(saved.as_str()));
    assert_eq!(other_drive.err().unwrap().field(), Some("position"));
    let sync_root = ListDeltaRequest { sync_root_id: Some("s".into()), ..ListDeltaRequest::new("1") };
    let other_root = Walker::new(feed.clone(), client(), sync_root, Some(saved.as_str()));
    assert_eq!(other_root.err().unwrap().field(), Some("position"));
    let bin = Walker::new(feed.clone(), client(), ListRecyclebinRequest::new("1"), Some(saved.as_str()));
    assert_eq!(bin.err().unwrap().field(), Some("position"));
    let bad_limit = ListDeltaRequest { limit: Some(101), ..ListDeltaRequest::new("1") };
    assert_eq!(Walker::new(feed.clone(), client(), bad_limit, None).err().unwrap().field(), Some("limit"));
    assert_eq!(feed.asked.borrow().len(), 1, "only the first walk's page was fetched");
}

#[test]
fn closing_a_walk_ends_it() {
    let feed = Feed::new(250);
    let mut walker = delta(&feed, None);
    take_delta(&mut walker, 1);
    walker.close();
    assert!(walker.is_done());
    assert!(block_on(walker.next_item()).unwrap().is_none());
    assert_eq!(feed.asked.borrow().len(), 2, "nothing more is fetched");
}
