//! `drivekit-mock`: an in-memory drive that speaks PDS and KooDrive over real HTTP on 127.0.0.1, with a
//! test-control API and fault injection, so that every drivekit binding (and every app built on one) can be
//! tested against a real server. Start it in-process with [`spawn`], or as a process (`drivekit-mock --port 0`).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let mock = drivekit_mock::spawn(drivekit_mock::Config::default()).await?;
//! println!("PDS and KooDrive at {}", mock.base_url());
//! # Ok(()) }
//! ```

mod app;
mod auth;
mod clock;
mod config;
mod control;
mod cors;
mod drive;
mod faults;
mod koodrive;
mod pds;
mod rate_limit;
mod request_log;
mod seed;
mod server;

pub use config::{
    Config, DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_SHARE_TOKEN, DEFAULT_TOKEN, SeedSource,
};
pub use seed::{
    ALBUM_ID, DOMAIN_ID, DRIVE_ID, GENERATED_ALBUM_ITEMS, GENERATED_TRASH, ROOT_ID, SHARE_ID, SYNC_ROOT_ID,
};
pub use seed::{AlbumSeed, DriveSeed, Seed, ShareSeed};
pub use server::{MockServer, spawn};
