//! Eight walks at once of one client over a 10,000-change feed, against a service that allows 50 requests a second
//! (`--max-rps 50`), with the client's adaptive rate limiting on and then off: requests sent, 429s received, and
//! the time taken against the least the limit allows. Run with `cargo bench -p drivekit-mock --bench
//! throttled_walks`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use drivekit_core::driver::Walker;
use drivekit_core::pds::ListDeltaRequest;
use drivekit_core::throttle::RateLimit;
use drivekit_mock::{Config, SeedSource};
use reqwest::Method;
use serde_json::Value;
use support::Harness;

const WALKS: usize = 8;
const CHANGES: usize = 10_000;
const PAGE: i64 = 100;
const MAX_RPS: u32 = 50;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let config = Config { seed: SeedSource::Synthetic(CHANGES), max_rps: Some(MAX_RPS), ..Config::default() };
    let harness = Harness::start_with(config).await;
    let pages = WALKS * CHANGES.div_ceil(PAGE as usize);
    // At the limit, a second's burst goes at once and the rest at the rate.
    let floor = Duration::from_secs_f64((pages as f64 - f64::from(MAX_RPS)).max(0.0) / f64::from(MAX_RPS));
    println!("{WALKS} walks of {CHANGES} changes in pages of {PAGE}, against {MAX_RPS} requests a second");
    println!("{pages} pages in all: at least {:.1} s at the limit", floor.as_secs_f64());
    for (name, limit) in [("adaptive", RateLimit::default()), ("off", RateLimit::off())] {
        harness.control(Method::POST, "/reset", Value::Null).await;
        let client = harness.pds().with_rate_limit(limit).expect("a valid limit");
        let started = Instant::now();
        let walks = (0..WALKS).map(|_| {
            let request = ListDeltaRequest { limit: Some(PAGE), ..ListDeltaRequest::new("1") };
            let mut walker = Walker::new(harness.platform(), client.clone(), request, None).expect("a valid walk");
            async move {
                let mut changes = 0;
                while walker.next_item().await.expect("the walk completes").is_some() {
                    changes += 1;
                }
                changes
            }
        });
        let changes: usize = futures_util::future::join_all(walks).await.into_iter().sum();
        let took = started.elapsed();
        let statuses: Vec<Value> =
            harness.requests().await.into_iter().map(|request| request["status"].clone()).collect();
        let throttled = statuses.iter().filter(|status| **status == 429).count();
        println!(
            "rate limiting {name:>8}: {} requests, {throttled} throttled ({:.1}%), {:.1} s ({:.2}x the limit's), {changes} changes",
            statuses.len(),
            100.0 * throttled as f64 / statuses.len() as f64,
            took.as_secs_f64(),
            took.as_secs_f64() / floor.as_secs_f64(),
        );
    }
}
