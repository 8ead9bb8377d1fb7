#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg/: the crate for wasm32, wasm-bindgen's ES module glue, wasm-opt,
# then the entry module with its declarations and package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
pkg=bindings-wasm/pkg

# Size matters more than speed for a download; the shared release profile is tuned for speed. wasm32 has no
# unwinding, so `abort` only drops the landing pads `unwind` would compile in (a panic still reaches `onPanic`).
# The standard library is rebuilt for size too (its `optimize_for_size`, panics without file locations): it is a
# good part of what the module holds. Rebuilding it takes a nightly toolchain with `rust-src`, pinned here and
# installed by `./dev`.
NIGHTLY=nightly-2026-10-29
RUSTFLAGS="-Zlocation-detail=none" CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_PANIC=abort \
    cargo "+$NIGHTLY" build --quiet --locked -p drivekit-wasm --target wasm32-unknown-unknown --release \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
rm -rf "$pkg"
# `web` glue is plain ES modules that load in browsers and in Node; --weak-refs frees clients and listings that
# are garbage collected.
wasm-bindgen --target web --weak-refs --out-dir "$pkg" --out-name drivekit_wasm \
    "$target_dir/wasm32-unknown-unknown/release/drivekit_wasm.wasm"
# npm's binaryen: Debian's wasm-opt is too old for the reference types rustc now emits. Functions with one
# caller stay functions unless tiny (`-ocimfs`): inlined into their callers they make longer, less repetitive
# code that gzip compresses worse (the download shrinks by about a tenth, though the raw module grows).
bindings-wasm/node_modules/.bin/wasm-opt -Oz -ocimfs 20 --strip-debug --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-reference-types \
    --enable-multivalue --enable-mutable-globals \
    -o "$pkg/drivekit_wasm_bg.wasm" "$pkg/drivekit_wasm_bg.wasm"
cp bindings-wasm/js/index.js bindings-wasm/js/index.d.ts bindings-wasm/js/package.json "$pkg/"
