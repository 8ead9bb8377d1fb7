//! The sans-IO core of drivekit: PDS and KooDrive requests, responses, auth, retries and pagination as plain
//! data and state machines. It never opens a socket, sleeps, reads a clock or draws a random number: a binding
//! supplies those and runs [`call::Call`]s with a few lines of driver loop.

pub mod auth;
pub mod call;
pub mod driver;
pub mod error;
pub mod http;
pub mod koodrive;
pub(crate) mod model;
pub mod paginate;
pub mod pds;
#[cfg(feature = "python")]
pub mod python;
pub mod retry;
pub mod throttle;
#[cfg(feature = "typescript")]
mod typescript;
#[cfg(feature = "uniffi")]
mod uniffi_types;
pub(crate) mod validate;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("drivekit_core");

pub use error::{ApiError, ApiErrorKind, Error, Service, TransportErrorKind};
pub use model::schema;
pub use model::{SignedUrl, Timestamp, UnknownFields};
