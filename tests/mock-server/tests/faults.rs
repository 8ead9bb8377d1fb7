//! Each fault kind, observed as a client sees it, and the request log that counts the attempts.

mod support;

use std::time::{Duration, Instant};

use drivekit_core::Error;
use drivekit_core::pds::{GetLastCursorRequest, ListDeltaRequest};
use drivekit_core::retry::RetryPolicy;
use drivekit_mock::{Config, DEFAULT_TOKEN, DRIVE_ID};
use reqwest::Method;
use serde_json::{Value, json};
use support::Harness;

const LIST_DELTA: &str = "/v2/file/list_delta";

async fn arm(harness: &Harness, fault: Value) {
    let (status, body) = harness.control(Method::POST, "/faults", fault).await;
    assert_eq!(status, 201, "{body}");
}

async fn raw_list_delta(harness: &Harness) -> Result<reqwest::Response, reqwest::Error> {
    harness.http.post(harness.url(LIST_DELTA)).bearer_auth(DEFAULT_TOKEN).body(r#"{"drive_id":"1"}"#).send().await
}

#[tokio::test]
async fn a_status_fault_answers_the_service_error_with_retry_after_and_the_log_counts_retries() {
    let harness = Harness::start().await;
    arm(&harness, json!({"path": LIST_DELTA, "kind": "status", "status": 429, "retry_after": 7})).await;
    let response = raw_list_delta(&harness).await.unwrap();
    assert_eq!((response.status().as_u16(), response.headers()["retry-after"].to_str().unwrap()), (429, "7"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "TooManyRequests");

    harness.control(Method::DELETE, "/requests", Value::Null).await;
    arm(
        &harness,
        json!({"path": LIST_DELTA, "method": "POST", "kind": "status", "status": 429, "retry_after": "0", "count": 2}),
    )
    .await;
    let page = harness.run(harness.pds().call(ListDeltaRequest::new(DRIVE_ID)).unwrap()).await;
    assert!(page.is_ok(), "{page:?}");
    let log = harness.requests().await;
    let seen: Vec<(u64, Option<&str>)> =
        log.iter().map(|entry| (entry["status"].as_u64().unwrap(), entry["fault"].as_str())).collect();
    assert_eq!(seen, [(429, Some("status")), (429, Some("status")), (200, None)]);
    assert!(log.iter().all(|entry| entry["path"] == LIST_DELTA && entry["method"] == "POST"));
}

#[tokio::test]
async fn a_server_error_is_retried_until_the_fault_runs_out() {
    let harness = Harness::start().await;
    arm(&harness, json!({"kind": "status", "status": 503, "count": 3})).await;
    let result = harness.run(harness.pds().call(GetLastCursorRequest::new(DRIVE_ID)).unwrap()).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(harness.requests().await.len(), 4);
}

#[tokio::test]
async fn a_delay_fault_slows_one_answer() {
    let harness = Harness::start().await;
    arm(&harness, json!({"path": LIST_DELTA, "kind": "delay", "delay_ms": 300})).await;
    let started = Instant::now();
    assert_eq!(raw_list_delta(&harness).await.unwrap().status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    let started = Instant::now();
    raw_list_delta(&harness).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn a_cut_connection_is_a_transport_error_that_read_only_calls_retry() {
    let harness = Harness::start().await;
    arm(&harness, json!({"path": LIST_DELTA, "kind": "cut"})).await;
    let error = raw_list_delta(&harness).await.unwrap_err();
    assert!(!error.is_status() && !error.is_connect(), "{error:?}");

    arm(&harness, json!({"path": LIST_DELTA, "kind": "cut"})).await;
    let page = harness.run(harness.pds().call(ListDeltaRequest::new(DRIVE_ID)).unwrap()).await;
    assert!(page.is_ok(), "{page:?}");
    let log = harness.requests().await;
    let cut: Vec<_> = log.iter().filter(|entry| entry["fault"] == "cut").collect();
    assert_eq!(cut.len(), 2);
    assert!(cut.iter().all(|entry| entry["status"].is_null()));
}

#[tokio::test]
async fn a_truncated_body_arrives_with_its_status_then_breaks_off() {
    let harness = Harness::start().await;
    arm(&harness, json!({"path": LIST_DELTA, "kind": "truncate"})).await;
    let response = raw_list_delta(&harness).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let declared: usize = response.headers()["content-length"].to_str().unwrap().parse().unwrap();
    assert!(declared > 100);
    assert!(response.bytes().await.is_err(), "the body should break off");
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error_for_the_client() {
    let harness = Harness::start().await;
    arm(&harness, json!({"path": LIST_DELTA, "kind": "malformed"})).await;
    let result = harness.run(harness.pds().call(ListDeltaRequest::new(DRIVE_ID)).unwrap()).await;
    assert!(matches!(result, Err(Error::Decode { .. })), "{result:?}");
    assert_eq!(harness.requests().await.len(), 1);
}

#[tokio::test]
async fn a_trickling_body_sends_its_headers_at_once_and_its_bytes_slowly() {
    let harness = Harness::start().await;
    arm(&harness, json!({"path": LIST_DELTA, "kind": "trickle", "chunk_bytes": 4, "interval_ms": 50})).await;
    let started = Instant::now();
    let mut response = raw_list_delta(&harness).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(started.elapsed() < Duration::from_millis(500), "the headers come at once");
    let declared: usize = response.headers()["content-length"].to_str().unwrap().parse().unwrap();
    assert!(declared > 1_000, "the whole answer is announced: {declared}");
    let (mut received, mut pieces) = (0, 0);
    while received < 12 {
        received += response.chunk().await.unwrap().expect("more of the body").len();
        pieces += 1;
    }
    assert!(pieces >= 3 && started.elapsed() >= Duration::from_millis(100), "{pieces} pieces");

    arm(&harness, json!({"path": LIST_DELTA, "kind": "trickle", "count": 2})).await;
    let policy = RetryPolicy { max_attempts: 2, attempt_timeout: Duration::from_millis(300), ..RetryPolicy::default() };
    let client = harness.pds().with_retry_policy(policy).unwrap();
    harness.control(Method::DELETE, "/requests", Value::Null).await;
    let started = Instant::now();
    let result = harness.run(client.call(ListDeltaRequest::new(DRIVE_ID)).unwrap()).await;
    assert!(matches!(result, Err(Error::Timeout(after)) if after == Duration::from_millis(300)), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(harness.requests().await.len(), 2, "a read is retried, as after any timeout");
}

#[tokio::test]
async fn an_oversized_body_is_exact_valid_json_with_or_without_its_length_announced() {
    let harness = Harness::start().await;
    for announced in [true, false] {
        let fault = json!({"path": LIST_DELTA, "kind": "oversized", "bytes": 100_000, "content_length": announced});
        arm(&harness, fault).await;
        let response = raw_list_delta(&harness).await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers().get("content-length").is_some(), announced);
        let body = response.bytes().await.unwrap();
        assert_eq!(body.len(), 100_000);
        let json: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["padding"].as_str().map(str::len), Some(100_000 - 14));
    }
}

#[tokio::test]
async fn a_body_over_the_clients_limit_is_refused_once_without_a_retry_with_or_without_content_length() {
    let harness = Harness::start().await;
    let client = harness.pds().with_max_response_bytes(64 * 1024).unwrap();
    for announced in [true, false] {
        harness.control(Method::DELETE, "/requests", Value::Null).await;
        let fault = json!({"path": LIST_DELTA, "kind": "oversized", "bytes": 1 << 20, "content_length": announced});
        arm(&harness, fault).await;
        let result = harness.run(client.call(ListDeltaRequest::new(DRIVE_ID)).unwrap()).await;
        assert!(matches!(result, Err(Error::ResponseTooLarge { limit: 65_536 })), "{result:?}");
        assert_eq!(harness.requests().await.len(), 1);
    }
    let ten = client.call(ListDeltaRequest { limit: Some(10), ..ListDeltaRequest::new(DRIVE_ID) }).unwrap();
    assert!(harness.run(ten).await.is_ok(), "a page under the limit is read as ever");
}

#[tokio::test]
async fn deeply_nested_json_is_a_decode_error_that_names_the_depth() {
    let harness = Harness::start().await;
    arm(&harness, json!({"path": LIST_DELTA, "kind": "deep", "depth": 5})).await;
    let shallow: Value = raw_list_delta(&harness).await.unwrap().json().await.unwrap();
    assert_eq!(shallow, json!({"deep": [[[[[]]]]]}));
    arm(&harness, json!({"path": LIST_DELTA, "kind": "deep"})).await;
    let result = harness.run(harness.pds().call(ListDeltaRequest::new(DRIVE_ID)).unwrap()).await;
    match result {
        Err(error @ Error::Decode { .. }) => {
            assert!(error.to_string().contains("nested deeper than 127 levels"), "{error}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn faults_can_be_listed_and_disarmed_and_the_configured_delay_applies_to_every_request() {
    let harness = Harness::start_with(Config { delay: Duration::from_millis(150), ..Config::default() }).await;
    arm(&harness, json!({"path": LIST_DELTA, "kind": "cut", "count": 5})).await;
    let (_, listed) = harness.control(Method::GET, "/faults", Value::Null).await;
    assert_eq!(listed["faults"][0]["count"], 5);
    assert_eq!(listed["faults"][0]["kind"], "cut");
    assert_eq!(harness.control(Method::DELETE, "/faults", Value::Null).await.0, 204);
    let started = Instant::now();
    assert_eq!(raw_list_delta(&harness).await.unwrap().status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let (status, body) = harness.control(Method::POST, "/faults", json!({"kind": "status", "status": 1000})).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("InvalidParameter.Fault")));
}

#[tokio::test]
async fn beyond_max_rps_requests_are_throttled_as_the_service_throttles_until_the_rate_allows_again() {
    // Two a second: slow enough that the bucket cannot refill while the requests below are answered.
    let harness = Harness::start_with(Config { max_rps: Some(2), ..Config::default() }).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let response = raw_list_delta(&harness).await.unwrap();
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            assert_eq!(response.headers()["retry-after"], "1");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["code"], "TooManyRequests");
        }
    }
    assert_eq!(statuses, [200, 200, 429, 429, 429, 429], "one second's burst, then refusals");

    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(raw_list_delta(&harness).await.unwrap().status(), 200, "two a second refill one in half a second");

    harness.control(Method::PUT, "/rate_limit", json!({ "max_rps": null })).await;
    for _ in 0..10 {
        assert_eq!(raw_list_delta(&harness).await.unwrap().status(), 200, "the limit lifted");
    }
    harness.control(Method::POST, "/reset", Value::Null).await;
    let mut after_reset = Vec::new();
    for _ in 0..4 {
        after_reset.push(raw_list_delta(&harness).await.unwrap().status().as_u16());
    }
    assert!(after_reset.contains(&429), "a reset brings back the limit the mock started with: {after_reset:?}");
}
