//! The pip module "drivekit": the core on a Rust HTTP client, sync and asyncio.
//!
//! This crate is a shell for now: the binding lands on top of `drivekit-core` in its own change.

pub use drivekit_core as core;
