#!/usr/bin/env bash
# Builds the smartlib-uniffi library and generates the Kotlin and Swift bindings from it with
# the workspace's own uniffi-bindgen (same uniffi version as the library, by construction).
#
# Usage: bindings/uniffi/scripts/generate.sh [debug|release]
# Writes target/uniffi/gen/{org/smartlib/smartlib_uniffi.kt, SmartLib.swift, SmartLibFFI.h,
# SmartLibFFI.modulemap}; the library is target/<profile>/libsmartlib_uniffi.so.
set -euo pipefail
cd "$(dirname "$0")/../../.."
PROFILE=${1:-debug}
# --workspace reuses what `cargo test --workspace` built; building one package alone unifies
# features differently and recompiles shared dependencies.
# Debug builds are the test builds: they add `panic_probe()` (feature panic-probe), which the
# tests call to show that a panic reaches Kotlin and Swift as an exception.
FLAGS=(--locked --workspace --features smartlib-uniffi/panic-probe)
[ "$PROFILE" = release ] && FLAGS=(--locked -p smartlib-uniffi --release)
cargo build "${FLAGS[@]}"
OUT=target/uniffi/gen
rm -rf "$OUT"
"target/$PROFILE/uniffi-bindgen" generate --no-format -l kotlin -l swift --out-dir "$OUT" "target/$PROFILE/libsmartlib_uniffi.so"
# Readable Kotlin messages and lowerCamel Swift error cases, which uniffi 0.32 cannot configure.
python3 bindings/uniffi/scripts/idiomatic-errors.py "$OUT"
echo "generated: $(find "$OUT" -type f | sort | tr '\n' ' ')"
