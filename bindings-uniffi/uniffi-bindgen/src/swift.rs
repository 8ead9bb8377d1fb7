//! `uniffi-bindgen-swift`: generates one Swift module from the built `drivekit_uniffi` library, both crates'
//! sources together.

fn main() {
    uniffi::uniffi_bindgen_swift();
}
