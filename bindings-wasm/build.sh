#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg/: the crate for wasm32, wasm-bindgen's ES module glue, wasm-opt,
# then the entry module with its declarations and package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
pkg=bindings-wasm/pkg

# Size matters more than speed for a download; the shared release profile is tuned for speed.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z cargo build --quiet --locked -p drivekit-wasm --target wasm32-unknown-unknown --release
rm -rf "$pkg"
# `web` glue is plain ES modules that load in browsers and in Node; --weak-refs frees clients and listings that
# are garbage collected.
wasm-bindgen --target web --weak-refs --out-dir "$pkg" --out-name drivekit_wasm \
    "$target_dir/wasm32-unknown-unknown/release/drivekit_wasm.wasm"
# npm's binaryen: Debian's wasm-opt is too old for the reference types rustc now emits.
bindings-wasm/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-reference-types \
    --enable-multivalue --enable-mutable-globals \
    -o "$pkg/drivekit_wasm_bg.wasm" "$pkg/drivekit_wasm_bg.wasm"
cp bindings-wasm/js/index.js bindings-wasm/js/index.d.ts bindings-wasm/js/package.json "$pkg/"
