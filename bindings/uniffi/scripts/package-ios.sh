#!/usr/bin/env bash
# Packages smartlib for iOS: an XCFramework of static libraries (device, and simulator for
# arm64 + x86_64) with the FFI header under a namespaced module map, zipped with its SwiftPM
# checksum, and a SwiftPM package that wraps it as a binary target with the generated Swift.
#
# Usage: bindings/uniffi/scripts/package-ios.sh [URL]
#   With URL (where the zip will be downloaded from, e.g. a release asset), Package.swift
#   points its binary target at URL with the zip's checksum; without it, at the local
#   SmartLib.xcframework.
# Output in target/ios: SmartLib.xcframework.zip, SmartLib.xcframework.zip.checksum, and
# SmartLibPackage/ (Package.swift, Sources/SmartLib/SmartLib.swift, SmartLib.xcframework).
#
# NOT RUN IN THIS PROJECT'S CI: it needs macOS with Xcode (xcodebuild, lipo), which this machine
# kind does not have. bindings/uniffi/scripts/check-packaging.sh runs the steps after
# xcodebuild (namespaced headers, zip, checksum, Package.swift) on Linux with a stand-in
# framework. Run it on a Mac with:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
set -euo pipefail
cd "$(dirname "$0")/../../.."
# shellcheck source=lib.sh
. bindings/uniffi/scripts/lib.sh
URL=${1:-}
[ "$(uname)" = Darwin ] || { echo "run this on macOS with Xcode" >&2; exit 1; }
# The staticlib is asked for here only (it is not among the crate's crate-types), and the
# library is built alone (-p): uniffi's generator is in another package, so it is not linked in.
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
  cargo rustc --locked -p smartlib-uniffi --profile mobile --lib --target "$target" --crate-type staticlib
done
OUT=target/ios
rm -rf "$OUT" && mkdir -p "$OUT/sim"
lipo -create target/aarch64-apple-ios-sim/mobile/libsmartlib_uniffi.a target/x86_64-apple-ios/mobile/libsmartlib_uniffi.a \
  -output "$OUT/sim/libsmartlib_uniffi.a"
bash bindings/uniffi/scripts/generate.sh mobile >/dev/null
stage_ios_headers target/uniffi/gen "$OUT/headers"
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/mobile/libsmartlib_uniffi.a -headers "$OUT/headers" \
  -library "$OUT/sim/libsmartlib_uniffi.a" -headers "$OUT/headers" \
  -output "$OUT/SmartLib.xcframework"
CHECKSUM=$(zip_xcframework "$OUT/SmartLib.xcframework")
echo "$CHECKSUM" >"$OUT/SmartLib.xcframework.zip.checksum"
PKG=$OUT/SmartLibPackage
mkdir -p "$PKG/Sources/SmartLib"
cp target/uniffi/gen/SmartLib.swift "$PKG/Sources/SmartLib/"
# The hand-written layer on top: async calls, Codable, Identifiable, LocalizedError.
cp bindings/uniffi/swift/*.swift "$PKG/Sources/SmartLib/"
[ -n "$URL" ] || cp -R "$OUT/SmartLib.xcframework" "$PKG/"
write_swift_package "$PKG" "$CHECKSUM" "$URL"
echo "iOS package ready in $PKG; $OUT/SmartLib.xcframework.zip has checksum $CHECKSUM"
