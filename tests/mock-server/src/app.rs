//! The state every handler shares: the accepted credentials, the content (and the seed it resets to), the
//! armed faults and the request log.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::auth::AcceptedCredentials;
use crate::drive::{Drive, DriveError};
use crate::faults::Faults;
use crate::koodrive::album::Album;
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
}

impl App {
    pub fn new(credentials: AcceptedCredentials, store: Store, delay: Duration, koodrive_quirks: bool) -> Self {
        App {
            credentials,
            delay,
            initial: store.clone(),
            store: Mutex::new(store),
            faults: Mutex::new(Faults::default()),
            requests: Mutex::new(RequestLog::default()),
            koodrive_quirks: AtomicBool::new(koodrive_quirks),
        }
    }

    /// The content, locked. A handler that panicked cannot leave it half-changed in a way that matters to a
    /// test double, so a poisoned lock is taken over rather than failing every later request.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// Puts the content back as it was at start.
    pub fn reset(&self) {
        *self.store() = self.initial.clone();
    }

    pub fn koodrive_quirks(&self) -> bool {
        self.koodrive_quirks.load(Ordering::Relaxed)
    }

    pub fn set_koodrive_quirks(&self, enabled: bool) {
        self.koodrive_quirks.store(enabled, Ordering::Relaxed);
    }
}

/// Locks a mutex, taking over a poisoned one (see [`App::store`]).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
