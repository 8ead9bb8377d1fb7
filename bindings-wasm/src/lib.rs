//! The npm package "drivekit": the core's calls driven over the runtime's `fetch` and timers, in browsers and
//! in Node 18+.
//!
//! Every decision (validation, retries, pagination, auth) is the core's, and so is the loop that runs a call
//! ([`drivekit_core::driver`]); this crate supplies the platform it runs on and shapes inputs and outputs as
//! JavaScript values. The package's entry module (`js/index.js`) wraps these exports in `Error` subclasses and
//! `for await` listings.

mod answers;
mod decode;
mod errors;
mod input;
mod koodrive;
mod listing;
mod options;
mod pds;
mod platform;
mod timestamp;
mod transport;

pub use answers::signed_url_class;
pub use decode::decode_response;
pub use errors::on_panic;
pub use koodrive::KooDriveCore;
pub use listing::Listing;
pub use pds::PdsCore;
pub use timestamp::timestamp_millis;
