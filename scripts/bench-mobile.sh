#!/usr/bin/env bash
# Mobile benchmarks: the size of the shipped library (`mobile` profile: opt-level z, LTO, one
# codegen unit, stripped) and the call overhead of one assessment from Kotlin and from Swift
# against it. Needs the toolchains of .ci/install-kotlin.sh and .ci/install-swift.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
cargo build --locked -q -p smartlib-uniffi --profile mobile --lib
cargo build --locked -q -p smartlib-uniffi --release --lib
LIB=target/mobile/libsmartlib_uniffi.so
printf 'cdylib, mobile profile (stripped): %s bytes (%.2f MiB)\n' "$(stat -c %s "$LIB")" "$(echo "$(stat -c %s "$LIB") / 1048576" | bc -l)"
printf 'cdylib, release profile, unstripped: %s bytes\n' "$(stat -c %s target/release/libsmartlib_uniffi.so)"
[ -f target/uniffi/gen/SmartLib.swift ] || bash bindings/uniffi/scripts/generate.sh >/dev/null

bash .ci/install-kotlin.sh >/dev/null
# shellcheck source=/dev/null
. "${TOOLCHAINS:-$ROOT/.toolchains}/kotlin.env"
OUT=target/uniffi/bench && mkdir -p "$OUT"
"$KOTLINC" -nowarn -cp "$JAVA_LIBS/jna.jar" -include-runtime -d "$OUT/bench.jar" \
  target/uniffi/gen/org/smartlib/smartlib_uniffi.kt bindings/uniffi/benchmarks/Bench.kt
java -Djna.library.path="$ROOT/target/mobile" -cp "$OUT/bench.jar:$JAVA_LIBS/jna.jar" org.smartlib.bench.BenchKt

bash .ci/install-swift.sh >/dev/null
cp target/uniffi/gen/SmartLib.swift target/uniffi/gen/SmartLibFFI.h target/uniffi/gen/SmartLibFFI.modulemap bindings/uniffi/benchmarks/bench.swift "$OUT/"
mv "$OUT/bench.swift" "$OUT/main.swift"
bash .ci/in-swift-root.sh "$ROOT" "cd $OUT && swiftc -O -module-name bench -Xcc -fmodule-map-file=/src/$OUT/SmartLibFFI.modulemap \
  SmartLib.swift main.swift -L/src/target/mobile -lsmartlib_uniffi -Xlinker -rpath -Xlinker /src/target/mobile -o bench && ./bench"
