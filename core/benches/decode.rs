//! How fast a realistic 100-item ListDelta page (full File objects, as on the reference pages) becomes typed
//! values, next to parsing the same bytes into untyped `serde_json::Value` and to only checking that they are JSON.
//!
//! `cargo bench -p drivekit-core --bench decode` prints MB/s (bytes) and items/s (elements) for each.

#![allow(missing_docs)] // criterion_group! declares an undocumented function

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use drivekit_core::call::Exchange;
use drivekit_core::http::HttpResponse;
use drivekit_core::pds::{Credentials, Endpoint, ListDeltaRequest, PdsClient};

fn page() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/pds/list_delta/page_100_items.json");
    std::fs::read(path).expect("the benchmark page exists")
}

fn decode(c: &mut Criterion) {
    let body = page();
    let client =
        PdsClient::new(Endpoint::base_url("http://127.0.0.1:9").unwrap(), Credentials::access_token("t").unwrap());
    let call = client.call(ListDeltaRequest::new("1")).unwrap();
    let response = HttpResponse::new(200, body.clone());
    let items = call.exchange().parse(&response).unwrap().items.map_or(0, |items| items.len()) as u64;

    let mut bytes = c.benchmark_group("list_delta_page/bytes");
    bytes.throughput(Throughput::Bytes(body.len() as u64));
    bytes.bench_function("drivekit DeltaPage", |b| b.iter(|| call.exchange().parse(black_box(&response)).unwrap()));
    bytes.bench_function("serde_json Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&body)).unwrap())
    });
    // The floor for any decoder that checks the whole body is valid JSON: reading it and keeping nothing.
    bytes.bench_function("serde_json IgnoredAny", |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body)).unwrap())
    });
    bytes.finish();

    let mut elements = c.benchmark_group("list_delta_page/items");
    elements.throughput(Throughput::Elements(items));
    elements.bench_function("drivekit DeltaPage", |b| b.iter(|| call.exchange().parse(black_box(&response)).unwrap()));
    elements.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
