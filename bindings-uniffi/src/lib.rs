//! The Kotlin and Swift libraries' Rust side: the core's calls driven through an HTTP transport that the app
//! implements on its own stack (`HttpTransport`), exported with uniffi.
//!
//! The models are the core's own types (its `uniffi` feature derives their records), and the calls and walks run
//! on the core's one driver; this crate adds the transport seam, the clients, the page iterators and the one
//! error enum.

mod connection;
mod error;
mod koodrive;
mod pages;
mod pds;
mod platform;
mod transport;

pub use connection::{RateLimitOptions, RetryOptions};
pub use error::DriveError;
pub use koodrive::KooDriveClient;
pub use koodrive::KooDriveCredentials;
pub use pages::{AlbumFilesPages, DeltaPages, RecyclebinPages};
pub use pds::{ImageProcess, PdsClient, PdsCredentials};
pub use transport::{
    AccessTokenProvider, HttpHeader, HttpTransport, TokenProviderError, TransportError, TransportRequest,
    TransportResponse,
};

/// Response bodies are lowered on the platform's threads and freed on the one that decodes them: glibc's
/// allocator spends much of a page's decoding time on that hand-over, mimalloc little.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

uniffi::setup_scaffolding!("drivekit_uniffi");
