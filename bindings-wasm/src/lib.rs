//! The npm package "drivekit": the core's calls driven over the runtime's `fetch` and timers, in browsers and
//! in Node 18+.
//!
//! Every decision (validation, retries, pagination, auth) is the core's; this crate only performs what a
//! [`drivekit_core::call::Call`] asks for and shapes inputs and outputs as JavaScript values. The package's
//! entry module (`js/index.js`) wraps these exports in `Error` subclasses and `for await` paginators.

mod decode;
mod driver;
mod errors;
mod input;
mod koodrive;
mod output;
mod pagination;
mod pds;
mod timestamp;
mod transport;

pub use decode::decode_response;
pub use errors::on_panic;
pub use koodrive::KooDriveCore;
pub use pagination::Listing;
pub use pds::PdsCore;
pub use timestamp::timestamp_millis;
