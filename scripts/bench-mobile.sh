#!/usr/bin/env bash
# Mobile benchmarks: the size of the libraries apps ship (`mobile` profile: opt-level z, LTO,
# one codegen unit; the cdylib stripped), and what one call costs from Kotlin (JVM, JNA) and
# from Swift against the `mobile` cdylib.
#
# Usage: scripts/bench-mobile.sh [ROUNDS] [WARMUP_SECONDS]      (default 15 rounds, 3 s)
#   SMARTLIB_BENCH_JVM_FLAGS="..."   extra flags for the Kotlin run (e.g. -Xmn16m)
#   SMARTLIB_BENCH_SWIFT=0           skip the Swift run (it needs the Swift root, ~2.5 GB)
# Needs the toolchains of .ci/install-kotlin.sh (JNA 5.17 or later) and .ci/install-swift.sh.
# BENCHMARKS.md ("Mobile") explains the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=../bindings/uniffi/scripts/lib.sh
. bindings/uniffi/scripts/lib.sh
ROUNDS=${1:-15}
WARMUP=${2:-3}

# The bindings from the `mobile` build, which also builds the host's cdylib and static library;
# in a folder of their own, so the test bindings (with the panic probe) stay as they are.
GEN=target/uniffi/bench/gen
SMARTLIB_GEN_DIR=$GEN bash bindings/uniffi/scripts/generate.sh mobile >/dev/null
CDYLIB=target/mobile/$(cdylib_file)
STATICLIB=target/mobile/libsmartlib_uniffi.a
size() { wc -c <"$1" | tr -d ' '; }
mib() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }
echo "cdylib, mobile profile, stripped: $(size "$CDYLIB") bytes ($(mib "$(size "$CDYLIB")") MiB)"
echo "static library, mobile profile (for iOS; built here for the host): $(size "$STATICLIB") bytes ($(mib "$(size "$STATICLIB")") MiB)"

bash .ci/install-kotlin.sh >/dev/null
# shellcheck source=/dev/null
. "${TOOLCHAINS:-$ROOT/.toolchains}/kotlin.env"
OUT=target/uniffi/bench && mkdir -p "$OUT"
"$KOTLINC" -nowarn -cp "$JAVA_LIBS/jna.jar" -include-runtime -d "$OUT/bench.jar" \
  "$GEN/org/smartlib/smartlib_uniffi.kt" bindings/uniffi/benchmarks/Bench.kt
# One JVM a case: in one long run the later cases pay for the earlier ones' garbage (JNA frees
# native memory from a single cleaner thread, which falls behind), so the order would matter.
for case in jna-call call-status structure reused-status rustbuffer function method assess-json assess; do
  # shellcheck disable=SC2086 # flags are words
  java ${SMARTLIB_BENCH_JVM_FLAGS:-} -Djna.library.path="$ROOT/target/mobile" -cp "$OUT/bench.jar:$JAVA_LIBS/jna.jar" \
    org.smartlib.bench.BenchKt "$ROUNDS" "$WARMUP" "$case" | { [ "$case" = jna-call ] && cat || tail -n 1; }
done

[ "${SMARTLIB_BENCH_SWIFT:-1}" = 0 ] && exit 0
bash .ci/install-swift.sh >/dev/null
cp "$GEN/SmartLib.swift" "$GEN/SmartLibFFI.h" "$GEN/SmartLibFFI.modulemap" "$OUT/"
cp bindings/uniffi/benchmarks/bench.swift "$OUT/main.swift"
bash .ci/in-swift-root.sh "$ROOT" "cd $OUT && swiftc -O -module-name bench -Xcc -fmodule-map-file=/src/$OUT/SmartLibFFI.modulemap \
  SmartLib.swift main.swift -L/src/target/mobile -lsmartlib_uniffi -Xlinker -rpath -Xlinker /src/target/mobile -o bench && ./bench"
