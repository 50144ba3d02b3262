#!/usr/bin/env bash
# Builds the smartlib-uniffi library and generates the Kotlin and Swift bindings from it with
# the workspace's own uniffi-bindgen (crate smartlib-uniffi-bindgen: same uniffi version as the
# library, by construction).
#
# Usage: bindings/uniffi/scripts/generate.sh [debug|release|mobile]
#   debug (default): the test build (`--workspace`, reusing what `cargo test --workspace`
#     built), with `panic_probe()` (feature panic-probe), which the tests call to show that a
#     panic reaches Kotlin and Swift as an exception;
#   release, mobile: the library as apps ship it (no panic probe), built alone (-p) so uniffi's
#     generator is not linked into it; the generator is built as a package of its own. The
#     `mobile` cdylib is stripped, and with its symbols go uniffi's metadata, so for `mobile`
#     the bindings are read from the host's static library of the same build instead.
# Writes target/uniffi/gen (or $SMARTLIB_GEN_DIR)/{org/smartlib/smartlib_uniffi.kt,
# SmartLib.swift, SmartLibFFI.h, SmartLibFFI.modulemap}, all generated, never committed. The library is
# target/<profile>/ + the name cdylib_file gives (lib.sh: .so on Linux, .dylib on macOS).
set -euo pipefail
cd "$(dirname "$0")/../../.."
# shellcheck source=lib.sh
. bindings/uniffi/scripts/lib.sh
PROFILE=${1:-debug}
case $PROFILE in
  debug)
    # --workspace: building one package alone unifies features differently and recompiles
    # shared dependencies.
    cargo build --locked --workspace --features smartlib-uniffi/panic-probe
    SOURCE=target/debug/$(cdylib_file)
    ;;
  release)
    cargo build --locked -p smartlib-uniffi --release --lib
    cargo build --locked -p smartlib-uniffi-bindgen
    SOURCE=target/release/$(cdylib_file)
    ;;
  mobile)
    cargo build --locked -p smartlib-uniffi --profile mobile --lib
    cargo rustc --locked -p smartlib-uniffi --profile mobile --lib --crate-type staticlib
    cargo build --locked -p smartlib-uniffi-bindgen
    SOURCE=target/mobile/libsmartlib_uniffi.a
    ;;
  *) echo "generate.sh: unknown profile \"$PROFILE\" (use debug, release or mobile)" >&2; exit 2 ;;
esac
[ -f "$SOURCE" ] || { echo "generate.sh: no library at $SOURCE" >&2; exit 1; }
OUT=${SMARTLIB_GEN_DIR:-target/uniffi/gen}
rm -rf "$OUT"
target/debug/uniffi-bindgen generate --no-format -l kotlin -l swift --out-dir "$OUT" "$SOURCE"
# Readable Kotlin messages and lowerCamel Swift error cases, which uniffi 0.32 cannot configure.
python3 bindings/uniffi/scripts/idiomatic-errors.py "$OUT"
echo "generated from $SOURCE: $(find "$OUT" -type f | sort | tr '\n' ' ')"
