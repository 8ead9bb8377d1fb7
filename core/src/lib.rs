//! The sans-IO core of drivekit: PDS and KooDrive requests, responses, auth, retries and pagination as plain
//! data and state machines. It never opens a socket, sleeps, reads a clock or draws a random number: a binding
//! supplies those and runs [`call::Call`]s with a few lines of driver loop.

pub mod auth;
pub mod call;
pub mod error;
pub mod http;
pub mod koodrive;
pub(crate) mod model;
pub mod paginate;
pub mod pds;
#[cfg(feature = "python")]
pub mod python;
pub mod retry;
pub(crate) mod validate;

pub use error::{ApiError, ApiErrorKind, Error, Service, TransportErrorKind};
pub use model::{SignedUrl, Timestamp, UnknownFields};
