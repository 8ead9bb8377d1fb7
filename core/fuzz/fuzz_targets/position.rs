//! Saved positions as a caller may pass them back, damaged or not: a walk, or a validation error naming
//! `position`, never a panic.
#![no_main]

use drivekit_core::paginate::Walk;
use drivekit_core::pds::ListDeltaRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Walk::new(ListDeltaRequest::new("1"), Some(text)) {
        Ok(walk) => {
            // A position that was read is written back as one that reads the same.
            let again = Walk::new(ListDeltaRequest::new("1"), Some(&walk.position())).expect("its own position");
            assert_eq!(again.position(), walk.position());
        }
        Err(error) => assert_eq!(error.field(), Some("position"), "{error}"),
    }
});
