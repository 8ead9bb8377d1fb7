//! The state every handler shares: the accepted credentials, the content (and the seed it resets to), the
//! armed faults and the request log.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::auth::AcceptedCredentials;
use crate::drive::{Drive, DriveError};
use crate::faults::Faults;
use crate::koodrive::album::Album;
use crate::rate_limit::RateLimit;
use crate::request_log::RequestLog;
use crate::seed::Seed;

/// What the mock holds: drives, shares and albums.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    pub drives: BTreeMap<String, Drive>,
    /// Share id to the drive it exposes.
    pub shares: BTreeMap<String, String>,
    pub albums: BTreeMap<String, Album>,
}

impl Store {
    pub fn from_seed(seed: &Seed) -> Result<Self, DriveError> {
        let drives = seed
            .drives
            .iter()
            .map(|drive| Ok((drive.drive_id.clone(), Drive::from_seed(&seed.domain_id, drive)?)))
            .collect::<Result<_, DriveError>>()?;
        let shares = seed.shares.iter().map(|share| (share.share_id.clone(), share.drive_id.clone())).collect();
        let albums =
            seed.albums.iter().map(|album| (album.album_id.clone(), Album::new(album.items.clone()))).collect();
        Ok(Store { drives, shares, albums })
    }
}

/// The shared state of one mock server.
pub(crate) struct App {
    pub credentials: AcceptedCredentials,
    /// Added to every service request.
    pub delay: Duration,
    /// What a reset goes back to (built once: a reset must be as quick as a start).
    initial: Store,
    store: Mutex<Store>,
    pub faults: Mutex<Faults>,
    pub requests: Mutex<RequestLog>,
    koodrive_quirks: AtomicBool,
    rate_limit: Mutex<RateLimit>,
    /// The limit a reset goes back to: the one the mock was started with.
    initial_max_rps: Option<u32>,
}

impl App {
    pub fn new(
        credentials: AcceptedCredentials,
        store: Store,
        delay: Duration,
        koodrive_quirks: bool,
        max_rps: Option<u32>,
    ) -> Self {
        let mut rate_limit = RateLimit::default();
        rate_limit.set(max_rps, Instant::now());
        App {
            credentials,
            delay,
            initial: store.clone(),
            store: Mutex::new(store),
            faults: Mutex::new(Faults::default()),
            requests: Mutex::new(RequestLog::default()),
            koodrive_quirks: AtomicBool::new(koodrive_quirks),
            rate_limit: Mutex::new(rate_limit),
            initial_max_rps: max_rps,
        }
    }

    /// The content, locked. A handler that panicked cannot leave it half-changed in a way that matters to a
    /// test double, so a poisoned lock is taken over rather than failing every later request.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// Puts the content back as it was at start, and the rate limit too.
    pub fn reset(&self) {
        *self.store() = self.initial.clone();
        self.set_max_rps(self.initial_max_rps);
    }

    pub fn koodrive_quirks(&self) -> bool {
        self.koodrive_quirks.load(Ordering::Relaxed)
    }

    pub fn set_koodrive_quirks(&self, enabled: bool) {
        self.koodrive_quirks.store(enabled, Ordering::Relaxed);
    }

    /// Service requests a second beyond which the mock answers 429; `None` lifts the limit.
    pub fn set_max_rps(&self, max_rps: Option<u32>) {
        lock(&self.rate_limit).set(max_rps, Instant::now());
    }

    /// Whether a service request arriving now is within the rate limit.
    pub fn admit(&self) -> bool {
        lock(&self.rate_limit).admit(Instant::now())
    }
}

/// Locks a mutex, taking over a poisoned one (see [`App::store`]).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
