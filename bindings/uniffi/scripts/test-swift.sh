#!/usr/bin/env bash
# Runs the Swift tests (SwiftPM + XCTest) and the Swift sample against the debug library, inside
# the private Debian trixie root that .ci/install-swift.sh builds (bookworm's glibc is too old
# for Swift 6). Ends with "swift: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
bash .ci/install-swift.sh >/dev/null
[ -f target/uniffi/gen/SmartLib.swift ] || bash bindings/uniffi/scripts/generate.sh
PKG=target/uniffi/swift
rm -rf "$PKG" && mkdir -p "$PKG/Sources/SmartLib" "$PKG/Sources/SmartLibFFI"
cp -r bindings/uniffi/tests/swift/Package.swift bindings/uniffi/tests/swift/Tests "$PKG/"
cp target/uniffi/gen/SmartLib.swift bindings/uniffi/swift/*.swift "$PKG/Sources/SmartLib/"
cp target/uniffi/gen/SmartLibFFI.h "$PKG/Sources/SmartLibFFI/"
cp target/uniffi/gen/SmartLibFFI.modulemap "$PKG/Sources/SmartLibFFI/module.modulemap"
# Inside the root the repository is /src.
printf 'let vectorsDirectory = "/src/tests/vectors"\n' > "$PKG/Tests/SmartLibTests/Paths.swift"
LIB=/src/target/debug
set +e
bash .ci/in-swift-root.sh "$ROOT" "cd $PKG && swift test --disable-swift-testing \
  -Xlinker -L$LIB -Xlinker -rpath -Xlinker $LIB 2>&1" > "$PKG/xctest.log"
STATUS=$?
set -e
grep -E "error:|failed|Executed" "$PKG/xctest.log" | tail -n 20
SUMMARY=$(grep -E "^\s*Executed [0-9]+ tests?" "$PKG/xctest.log" | tail -n 1)
TOTAL=$(echo "$SUMMARY" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
FAILED=$(echo "$SUMMARY" | sed -E 's/.*with ([0-9]+) failures?.*/\1/')

# The sample must compile and run too, so it never rots.
SAMPLE=target/uniffi/swift-sample
rm -rf "$SAMPLE" && mkdir -p "$SAMPLE"
cp target/uniffi/gen/SmartLib.swift target/uniffi/gen/SmartLibFFI.h target/uniffi/gen/SmartLibFFI.modulemap examples/swift/main.swift "$SAMPLE/"
cp bindings/uniffi/swift/*.swift "$SAMPLE/"
LAYER=$(cd bindings/uniffi/swift && ls -- *.swift | tr '\n' ' ')
bash .ci/in-swift-root.sh "$ROOT" "cd $SAMPLE && swiftc -module-name sample -Xcc -fmodule-map-file=/src/$SAMPLE/SmartLibFFI.modulemap \
  SmartLib.swift $LAYER main.swift -L$LIB -lsmartlib_uniffi -Xlinker -rpath -Xlinker $LIB -o sample && ./sample" > "$SAMPLE/sample.log"
head -n 3 "$SAMPLE/sample.log"
[ -n "$TOTAL" ] || { tail -n 40 "$PKG/xctest.log" >&2; echo "swift: 0 passed, 1 failed"; exit 1; }
echo "swift: $((TOTAL - FAILED)) passed, $FAILED failed"
exit "$STATUS"
