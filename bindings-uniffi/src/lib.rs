//! Kotlin and Swift libraries: the core on the platform's own HTTP stack.
//!
//! This crate is a shell for now: the binding lands on top of `drivekit-core` in its own change.

pub use drivekit_core as core;
