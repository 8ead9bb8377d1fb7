//! `drivekit-mock`: serves the mock drive on 127.0.0.1 and prints its base URL as the first line on stdout,
//! then the credentials it accepts. It stops on SIGINT or SIGTERM, or when its stdin closes, so that a test
//! that dies cannot leave it running.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use drivekit_mock::{
    Config, DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_SHARE_TOKEN, DEFAULT_TOKEN, SeedSource,
};
use tokio::io::AsyncReadExt;

/// An in-memory drive that speaks PDS and KooDrive over HTTP, with a test-control API under /__mock/.
#[derive(Parser)]
#[command(name = "drivekit-mock", version)]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The bearer token accepted by PDS and KooDrive.
    #[arg(long, default_value = DEFAULT_TOKEN)]
    token: String,
    /// The share token accepted by GetFile with share_id.
    #[arg(long, default_value = DEFAULT_SHARE_TOKEN)]
    share_token: String,
    /// The AccessKey id whose signatures are accepted.
    #[arg(long, default_value = DEFAULT_ACCESS_KEY_ID)]
    access_key_id: String,
    /// The AccessKey secret signatures are checked with.
    #[arg(long, default_value = DEFAULT_ACCESS_KEY_SECRET)]
    access_key_secret: String,
    /// A JSON seed to start from instead of the reference pages' samples.
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    data: Option<PathBuf>,
    /// Drive 1 holding N generated photos instead of the samples, for benchmarks and large drives.
    #[arg(long, value_name = "N")]
    files: Option<usize>,
    /// A delay added to every service request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    delay_ms: u64,
    /// KooDrive listings as the real service is reported to behave: short and empty pages, a wrong total.
    #[arg(long)]
    koodrive_quirks: bool,
    /// Answer 429 (the service's throttling body, `Retry-After: 1`) beyond N service requests a second.
    #[arg(long, value_name = "N")]
    max_rps: Option<u32>,
    /// Keep serving when stdin closes (for running in the background from a shell).
    #[arg(long)]
    ignore_stdin: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let seed = match (&args.data, args.files) {
        (Some(path), _) => SeedSource::File(path.clone()),
        (None, Some(count)) => SeedSource::Synthetic(count),
        (None, None) => SeedSource::Reference,
    };
    let config = Config {
        host: args.host,
        port: args.port,
        token: args.token,
        share_token: args.share_token,
        access_key_id: args.access_key_id,
        access_key_secret: args.access_key_secret,
        seed,
        delay: Duration::from_millis(args.delay_ms),
        koodrive_quirks: args.koodrive_quirks,
        max_rps: args.max_rps,
    };
    let mock = match drivekit_mock::spawn(config.clone()).await {
        Ok(mock) => mock,
        Err(err) => {
            eprintln!("drivekit-mock: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    let printed = writeln!(
        stdout,
        "{}\ntoken: {}\nshare-token: {}\naccess-key-id: {}\naccess-key-secret: {}",
        mock.base_url(),
        config.token,
        config.share_token,
        config.access_key_id,
        config.access_key_secret,
    )
    .and_then(|()| stdout.flush());
    drop(stdout);
    if printed.is_err() {
        return ExitCode::FAILURE;
    }
    tokio::select! {
        () = interrupted() => {}
        () = stdin_closed(), if !args.ignore_stdin => {}
    }
    mock.shutdown().await;
    // The thread blocked reading stdin would keep the runtime waiting; nothing is left to clean up.
    std::process::exit(0)
}

/// SIGINT, or SIGTERM on Unix.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut terminate) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Reads (and ignores) stdin until it closes or fails.
async fn stdin_closed() {
    let mut stdin = tokio::io::stdin();
    let mut buffer = [0u8; 256];
    while matches!(stdin.read(&mut buffer).await, Ok(read) if read > 0) {}
}
