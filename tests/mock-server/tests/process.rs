//! The binary as other languages' tests start it: `--port 0`, the base URL on the first line, and an exit
//! when stdin closes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn prints_its_url_first_serves_and_exits_when_stdin_closes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_drivekit-mock"))
        .args(["--port", "0", "--files", "10000"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(lines.next().unwrap().unwrap(), "token: mock-access-token");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let answer = runtime.block_on(async {
        let response = reqwest::Client::new()
            .post(format!("{url}/v2/file/get_last_cursor"))
            .bearer_auth("mock-access-token")
            .body(r#"{"drive_id":"1"}"#)
            .send()
            .await
            .unwrap();
        response.status().as_u16()
    });
    assert_eq!(answer, 200);

    drop(child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "still running after its stdin closed");
        std::thread::sleep(Duration::from_millis(20));
    }
}
