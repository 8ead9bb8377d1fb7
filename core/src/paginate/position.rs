//! Item-exact positions: where a walk stands, as one plain string that survives restarts.
//!
//! A service's cursor only names a page boundary, so resuming from it after the 37th entry of a page hands out
//! those 37 again. A position names the page's own cursor and how many of its entries were handed out, and the
//! listing it belongs to, so that it cannot silently restart another one.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

use crate::error::Error;

/// What every position of this format starts with; a later format takes the next number.
const VERSION_1: &str = "dk1.";

/// The argument a position is passed as, in every language.
pub(crate) const FIELD: &str = "position";

/// Where a walk stands: from the page at `start` (none: the listing's beginning), pass over `handed` entries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Position {
    pub(crate) start: Option<String>,
    pub(crate) handed: u64,
}

/// The saved form: short keys, since positions are stored by the million.
#[derive(Serialize, Deserialize)]
struct Saved {
    /// The listing's scope, hashed: which listing the position belongs to.
    l: String,
    /// The page's own cursor, marker or page cursor.
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<String>,
    /// Entries of that page already handed out.
    #[serde(skip_serializing_if = "is_zero", default)]
    n: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A short, stable fingerprint of a listing's scope (its name and what it lists: drive, sync root, album, sort).
pub(crate) fn fingerprint(scope: &str) -> String {
    let digest = Sha1::digest(scope.as_bytes());
    digest[..8].iter().map(|byte| format!("{byte:02x}")).collect()
}

impl Position {
    /// The saved text of this position within the listing of fingerprint `listing`.
    pub(crate) fn encode(&self, listing: &str) -> String {
        let saved = Saved { l: listing.to_owned(), c: self.start.clone(), n: self.handed };
        // Serializing three plain fields cannot fail.
        let json = serde_json::to_vec(&saved).unwrap_or_default();
        format!("{VERSION_1}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Reads a saved position for the listing of fingerprint `listing`. Text that is not a position is taken as
    /// a service cursor (GetLastCursor's, say), which names a page boundary.
    pub(crate) fn decode(text: &str, listing: &str) -> Result<Position, Error> {
        let Some(encoded) = text.strip_prefix(VERSION_1) else {
            if is_later_version(text) {
                return Err(Error::invalid(FIELD, "was saved by a later version of drivekit"));
            }
            return Ok(Position { start: Some(text.to_owned()), handed: 0 });
        };
        let saved = URL_SAFE_NO_PAD
            .decode(encoded)
            .ok()
            .and_then(|json| serde_json::from_slice::<Saved>(&json).ok())
            .ok_or_else(|| Error::invalid(FIELD, "is damaged: pass a position exactly as a walk gave it"))?;
        if saved.l != listing {
            return Err(Error::invalid(
                FIELD,
                "belongs to another listing (another drive, sync root, album or sort order): start this one from \
                 its own position",
            ));
        }
        Ok(Position { start: saved.c, handed: saved.n })
    }
}

/// `dk2.` and later: a format this version cannot read.
fn is_later_version(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("dk") else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_comes_back_as_it_was_saved() {
        let listing = fingerprint("ListDelta\u{0}1\u{0}");
        for position in [
            Position::default(),
            Position { start: Some("cursor/with+odd=chars".into()), handed: 37 },
            Position { start: None, handed: 199 },
        ] {
            let text = position.encode(&listing);
            assert!(text.starts_with("dk1.") && text.is_ascii(), "{text}");
            assert_eq!(Position::decode(&text, &listing).unwrap(), position);
        }
    }

    #[test]
    fn a_service_cursor_names_its_page_boundary() {
        let position = Position::decode("MTIzNDU2", "any").unwrap();
        assert_eq!(position, Position { start: Some("MTIzNDU2".into()), handed: 0 });
    }

    #[test]
    fn a_position_of_another_listing_or_a_damaged_one_is_refused_by_name() {
        let saved = Position { start: Some("c".into()), handed: 3 }.encode(&fingerprint("ListDelta\u{0}1\u{0}"));
        let other = Position::decode(&saved, &fingerprint("ListDelta\u{0}2\u{0}")).unwrap_err();
        assert_eq!(other.field(), Some("position"));
        assert!(other.to_string().contains("another listing"), "{other}");
        let damaged = Position::decode(&saved[..saved.len() - 3], &fingerprint("ListDelta\u{0}1\u{0}"));
        assert_eq!(damaged.unwrap_err().field(), Some("position"));
        assert_eq!(Position::decode("dk2.e30", "any").unwrap_err().field(), Some("position"));
    }
}
