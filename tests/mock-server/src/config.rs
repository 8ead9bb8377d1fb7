//! What a mock server is started with: where it listens, which credentials it accepts, and what it holds.

use std::path::PathBuf;
use std::time::Duration;

/// The bearer token accepted unless another is given.
pub const DEFAULT_TOKEN: &str = "mock-access-token";
/// The share token accepted unless another is given.
pub const DEFAULT_SHARE_TOKEN: &str = "mock-share-token";
/// The AccessKey id accepted unless another is given.
pub const DEFAULT_ACCESS_KEY_ID: &str = "mock-akid";
/// The AccessKey secret accepted unless another is given.
pub const DEFAULT_ACCESS_KEY_SECRET: &str = "mock-secret";

/// How to start a mock server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The address to listen on.
    pub host: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The bearer token PDS and KooDrive requests must carry.
    pub token: String,
    /// The share token GetFile accepts with `share_id`.
    pub share_token: String,
    /// The AccessKey id whose signatures are accepted.
    pub access_key_id: String,
    /// The AccessKey secret signatures are checked with.
    pub access_key_secret: String,
    /// What the drive holds at start and after a reset.
    pub seed: SeedSource,
    /// A delay added to every service request (not to the control API).
    pub delay: Duration,
    /// Whether KooDrive listings behave as the real service is reported to: short and empty pages before the
    /// last, and a `total` that disagrees with the files listed.
    pub koodrive_quirks: bool,
    /// Service requests a second beyond which the mock answers 429, as the services do; none by default.
    pub max_rps: Option<u32>,
}

/// Where the drive's starting content comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedSource {
    /// The reference pages' samples, a folder tree, a recycle bin and an album (see the README for the ids).
    Reference,
    /// Drive `1` holding this many generated photos
    /// ([`DriveSeed::generated_photos`](crate::DriveSeed::generated_photos)), for benchmarks and large drives.
    Synthetic(usize),
    /// A JSON seed file.
    File(PathBuf),
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_owned(),
            port: 0,
            token: DEFAULT_TOKEN.to_owned(),
            share_token: DEFAULT_SHARE_TOKEN.to_owned(),
            access_key_id: DEFAULT_ACCESS_KEY_ID.to_owned(),
            access_key_secret: DEFAULT_ACCESS_KEY_SECRET.to_owned(),
            seed: SeedSource::Reference,
            delay: Duration::ZERO,
            koodrive_quirks: false,
            max_rps: None,
        }
    }
}
