//! How many 100-item ListDelta pages a second the mock serves over loopback, so that client benchmarks can be
//! sure they measure the client, not the mock. Run with `cargo bench -p drivekit-mock`; prints pages/second
//! for one keep-alive connection and for four at once.

use std::time::{Duration, Instant};

use drivekit_mock::{Config, DEFAULT_TOKEN, SeedSource};
use serde::Deserialize;

/// A drive of 10,000 files: a full sync is 100 pages.
const FILES: usize = 10_000;
const PAGE: u32 = 100;
const RUN_FOR: Duration = Duration::from_secs(3);

/// Only what following the feed needs; the items are skipped, not typed.
#[derive(Deserialize)]
struct Position {
    cursor: String,
    has_more: bool,
}

/// Syncs the whole drive again and again until `RUN_FOR` has passed; answers how many pages it read.
async fn sync_repeatedly(http: reqwest::Client, base_url: String) -> u64 {
    let started = Instant::now();
    let mut pages = 0;
    while started.elapsed() < RUN_FOR {
        let mut cursor = String::new();
        loop {
            let body = format!(r#"{{"drive_id":"1","cursor":"{cursor}","limit":{PAGE}}}"#);
            let response = http
                .post(format!("{base_url}/v2/file/list_delta"))
                .bearer_auth(DEFAULT_TOKEN)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .expect("the mock answers");
            let bytes = response.bytes().await.expect("the page arrives");
            let position: Position = serde_json::from_slice(&bytes).expect("the page is JSON");
            pages += 1;
            if !position.has_more {
                break;
            }
            cursor = position.cursor;
        }
    }
    pages
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let started = Instant::now();
        let mock = drivekit_mock::spawn(Config { seed: SeedSource::Synthetic(FILES), ..Config::default() })
            .await
            .expect("the mock starts");
        println!("started a {FILES}-file drive in {:?}", started.elapsed());
        let base_url = mock.base_url().to_owned();
        for clients in [1, 4] {
            let started = Instant::now();
            let runs: Vec<_> =
                (0..clients).map(|_| tokio::spawn(sync_repeatedly(reqwest::Client::new(), base_url.clone()))).collect();
            let mut pages = 0;
            for run in runs {
                pages += run.await.expect("the run finishes");
            }
            let rate = pages as f64 / started.elapsed().as_secs_f64();
            println!(
                "list_delta {PAGE}-item pages, {clients} keep-alive connection(s): {rate:.0} pages/s ({pages} pages)"
            );
        }
    });
}
