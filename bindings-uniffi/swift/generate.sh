#!/usr/bin/env bash
# Generates the Swift package's bindings from the built library: `generate.sh LIBRARY [OUT]` writes them into
# OUT (default: this package) as the package lays them out. `./dev test` generates into a scratch directory
# and fails when the committed sources differ.
set -euo pipefail
library=$1
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here}
bindgen="$(dirname "$library")/uniffi-bindgen-swift"
config="$here/../bindgen.toml"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$bindgen" --swift-sources --config "$config" "$library" "$scratch"
"$bindgen" --headers --config "$config" "$library" "$scratch"

mkdir -p "$out/Sources/DriveKit/Generated"
cp "$scratch"/*.swift "$out/Sources/DriveKit/Generated/"
# One C module per crate, named as each generated Swift file imports it; both link the one library.
for header in "$scratch"/*FFI.h; do
    module=$(basename "$header" .h)
    mkdir -p "$out/Sources/$module"
    cp "$header" "$out/Sources/$module/"
    printf 'module %s {\n    header "%s.h"\n    link "drivekit_uniffi"\n    export *\n}\n' "$module" "$module" \
        >"$out/Sources/$module/module.modulemap"
done
