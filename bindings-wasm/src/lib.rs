//! The npm package "drivekit": the core on the browser's fetch.
//!
//! This crate is a shell for now: the binding lands on top of `drivekit-core` in its own change.

pub use drivekit_core as core;
