//! Times as JavaScript numbers: models keep each time as the text the service sent, and this reads such a text
//! with the core's rules, so that every language agrees on which texts are times.

use drivekit_core::Timestamp;
use wasm_bindgen::prelude::*;

/// Milliseconds since the Unix epoch of an RFC 3339 time with `Z` or an offset, or `undefined` when the text
/// is not one; the package's `parseTimestamp` makes a `Date` of it.
#[wasm_bindgen(js_name = timestampMillis)]
pub fn timestamp_millis(text: &str) -> Option<f64> {
    // RFC 3339 years stop at 9999, so the milliseconds fit a JavaScript number exactly.
    Timestamp::new(text).unix_millis().map(|millis| millis as f64)
}
