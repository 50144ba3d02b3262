#!/usr/bin/env bash
# Packages smartlib for iOS as an XCFramework (device + simulator) with the generated Swift
# bindings, and a SwiftPM package that wraps it as a binary target.
#
# NOT RUN IN THIS PROJECT'S CI: it needs macOS with Xcode (xcodebuild, lipo), which this machine
# kind does not have. Run it on a Mac with:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
# Output: target/ios/SmartLib.xcframework and target/ios/SmartLibPackage (add it in Xcode with
# "Add Package Dependencies… > Add Local…").
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ "$(uname)" = Darwin ] || { echo "run this on macOS with Xcode" >&2; exit 1; }
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
  cargo build --locked -p smartlib-uniffi --profile mobile --lib --target "$target"
done
OUT=target/ios
rm -rf "$OUT" && mkdir -p "$OUT/headers" "$OUT/sim"
lipo -create target/aarch64-apple-ios-sim/mobile/libsmartlib_uniffi.a target/x86_64-apple-ios/mobile/libsmartlib_uniffi.a \
  -output "$OUT/sim/libsmartlib_uniffi.a"
cargo build --locked -p smartlib-uniffi
target/debug/uniffi-bindgen generate --no-format -l swift --out-dir "$OUT/swift" target/debug/libsmartlib_uniffi.dylib
cp "$OUT/swift/SmartLibFFI.h" "$OUT/headers/"
cp "$OUT/swift/SmartLibFFI.modulemap" "$OUT/headers/module.modulemap"
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/mobile/libsmartlib_uniffi.a -headers "$OUT/headers" \
  -library "$OUT/sim/libsmartlib_uniffi.a" -headers "$OUT/headers" \
  -output "$OUT/SmartLib.xcframework"
PKG=$OUT/SmartLibPackage
mkdir -p "$PKG/Sources/SmartLib"
cp "$OUT/swift/SmartLib.swift" "$PKG/Sources/SmartLib/"
mv "$OUT/SmartLib.xcframework" "$PKG/"
cat > "$PKG/Package.swift" <<'SWIFT'
// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "SmartLib",
    platforms: [.iOS(.v15)],
    products: [.library(name: "SmartLib", targets: ["SmartLib"])],
    targets: [
        .binaryTarget(name: "SmartLibFFI", path: "SmartLib.xcframework"),
        .target(name: "SmartLib", dependencies: ["SmartLibFFI"]),
    ]
)
SWIFT
echo "iOS package ready in $PKG"
