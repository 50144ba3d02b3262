#!/usr/bin/env bash
# Checks the Android and iOS packaging as far as a Linux machine without the Android NDK, the
# Android SDK, Gradle's repositories or Xcode can:
#   - the library ships without uniffi's generator: `smartlib-uniffi` alone has no clap, goblin,
#     uniffi_bindgen or cargo_metadata among its dependencies, and its `mobile`-profile static
#     library (built here for the host) has none of their symbols; its size is printed;
#   - Android: the 16 KB page flag for every Android target in .cargo/config.toml, and that the
#     flag really gives 16 KB-aligned LOAD segments (a host cdylib linked with it, checked by
#     the same function package-android.sh uses, which also refuses a 4 KB-aligned one); only
#     the cdylib among the crate types; the Gradle module (JNA >= 5.17, consumer R8 rules that
#     keep JNA and the generated package, explicit Java and Kotlin targets, maven-publish,
#     generated sources outside tracked folders), read statically: Gradle cannot run here;
#   - host-independent library names in the scripts (.so on Linux, .dylib on macOS);
#   - iOS: the namespaced module map (clang finds Headers/SmartLibFFI/module.modulemap by the
#     module's name: the generated Swift type-checks against it with only -I Headers), and the
#     steps after `xcodebuild -create-xcframework` on a stand-in XCFramework holding the host
#     static library: the zip, its checksum (equal to `swift package compute-checksum`), and
#     Package.swift with a local and with a URL binary target (`swift package dump-package`).
# Swift runs in the Debian trixie root of .ci/install-swift.sh. Ends with
# "packaging: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
# shellcheck source=lib.sh
. bindings/uniffi/scripts/lib.sh
WORK=target/uniffi/packaging
rm -rf "$WORK" && mkdir -p "$WORK"
PASSED=0 FAILED=0
check() {
  local name=$1
  shift
  if "$@" >"$WORK/check.log" 2>&1; then
    PASSED=$((PASSED + 1))
    echo "ok   $name"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL $name"
    sed 's/^/     /' "$WORK/check.log" | tail -n 15
  fi
}

# ---- the shipped library without the generator ------------------------------------------
generator_crates='^(clap|clap_builder|goblin|uniffi_bindgen|cargo_metadata|askama) '
no_generator_dependency() {
  cargo tree --locked -p smartlib-uniffi -e normal --prefix none >"$WORK/tree.txt" || return 1
  ! grep -E "$generator_crates" "$WORK/tree.txt"
}
check "smartlib-uniffi alone depends on no clap, goblin, uniffi_bindgen, cargo_metadata, askama" no_generator_dependency
generator_in_its_own_crate() {
  cargo tree --locked -p smartlib-uniffi-bindgen -e normal --prefix none >"$WORK/tree-bindgen.txt" || return 1
  grep -E '^uniffi_bindgen ' "$WORK/tree-bindgen.txt"
}
check "smartlib-uniffi-bindgen carries the generator" generator_in_its_own_crate

STATICLIB=target/mobile/libsmartlib_uniffi.a
staticlib_without_generator() {
  cargo rustc --locked -q -p smartlib-uniffi --profile mobile --lib --crate-type staticlib || return 1
  # readelf, not nm: the objects carry LLVM bitcode, which binutils' nm plugin cannot read.
  readelf -sW -C "$STATICLIB" 2>/dev/null >"$WORK/staticlib-symbols.txt"
  ar t "$STATICLIB" >"$WORK/staticlib-members.txt"
  local total hits members
  total=$(wc -l <"$WORK/staticlib-symbols.txt")
  hits=$(grep -cE '(clap|clap_builder|goblin|uniffi_bindgen|cargo_metadata|askama)::' "$WORK/staticlib-symbols.txt")
  members=$(grep -cE '^(clap|clap_builder|goblin|uniffi_bindgen|cargo_metadata|askama)-' "$WORK/staticlib-members.txt")
  echo "$STATICLIB: $(wc -c <"$STATICLIB") bytes, $total symbols, $hits from the generator's crates; $members of their objects"
  grep -m 5 -E '(clap|goblin|uniffi_bindgen|cargo_metadata|askama)::' "$WORK/staticlib-symbols.txt"
  # The symbols are there to be read: an empty listing would make the check meaningless.
  [ "$total" -gt 1000 ] && grep -q 'smartlib_core::' "$WORK/staticlib-symbols.txt" && [ "$hits" -eq 0 ] && [ "$members" -eq 0 ]
}
check "mobile-profile static library has no generator symbols" staticlib_without_generator
[ -f "$STATICLIB" ] && echo "     size: static library (mobile profile, $(rustc -vV | sed -n 's/^host: //p')) $(wc -c <"$STATICLIB") bytes"

# ---- Android -----------------------------------------------------------------------------
ANDROID_TARGETS=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android)
config_has_16k_flags() {
  python3 - "${ANDROID_TARGETS[@]}" <<'PY'
import sys, tomllib
config = tomllib.load(open(".cargo/config.toml", "rb"))
flag = "link-arg=-Wl,-z,max-page-size=16384"
bad = [t for t in sys.argv[1:] if flag not in config.get("target", {}).get(t, {}).get("rustflags", [])]
print("missing in:", bad) if bad else print("all Android targets:", flag)
sys.exit(1 if bad else 0)
PY
}
check ".cargo/config.toml gives every Android target the 16 KB page flag" config_has_16k_flags

# The flags exactly as .cargo/config.toml gives them, on a host cdylib: the linker accepts them
# and they make every LOAD segment 16 KB-aligned; without them the check refuses the library.
sixteen_k_flag_aligns() {
  local flags
  mapfile -t flags < <(python3 -c 'import tomllib; print("\n".join(tomllib.load(open(".cargo/config.toml", "rb"))["target"]["aarch64-linux-android"]["rustflags"]))')
  echo '#[unsafe(no_mangle)] pub extern "C" fn probe() -> u32 { 16384 }' >"$WORK/probe.rs"
  rustc --edition 2024 --crate-type cdylib -O "${flags[@]}" -o "$WORK/libaligned.so" "$WORK/probe.rs" || return 1
  rustc --edition 2024 --crate-type cdylib -O -C link-arg=-Wl,-z,max-page-size=4096 -o "$WORK/libsmall.so" "$WORK/probe.rs" || return 1
  readelf -lW "$WORK/libaligned.so" | awk '$1 == "LOAD"'
  check_16k_alignment readelf "$WORK/libaligned.so" || return 1
  ! check_16k_alignment readelf "$WORK/libsmall.so"
}
check "the 16 KB flag aligns LOAD segments, and a 4 KB library is refused" sixteen_k_flag_aligns

only_cdylib_for_android() {
  python3 - <<'PY' || return 1
import sys, tomllib
types = tomllib.load(open("bindings/uniffi/Cargo.toml", "rb"))["lib"]["crate-type"]
print("crate-type:", types)
sys.exit(0 if "cdylib" in types and "staticlib" not in types else 1)
PY
  # Commands only, not comments.
  grep -v '^ *#' bindings/uniffi/scripts/package-ios.sh | grep -- '--crate-type staticlib' >/dev/null &&
    grep -v '^ *#' bindings/uniffi/scripts/package-android.sh | grep '^cargo ndk ' >/dev/null &&
    ! grep -v '^ *#' bindings/uniffi/scripts/package-android.sh | grep 'staticlib\|crate-type' >/dev/null

}
check "Android links only the cdylib; the staticlib is asked for by package-ios.sh alone" only_cdylib_for_android

GRADLE=bindings/uniffi/android/build.gradle.kts
RULES=bindings/uniffi/android/consumer-rules.pro
gradle_jna_at_least_5_17() {
  python3 - "$GRADLE" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
found = re.findall(r'"net\.java\.dev\.jna:jna:(\d+)\.(\d+)\.(\d+)@aar"', text)
print("JNA in Gradle:", found)
sys.exit(0 if found and all((int(a), int(b)) >= (5, 17) for a, b, _ in found) else 1)
PY
}
check "Gradle depends on JNA 5.17 or later (the @aar, with its Android libraries)" gradle_jna_at_least_5_17

consumer_rules_keep_jna_and_bindings() {
  local package
  package=$(python3 -c 'import tomllib; print(tomllib.load(open("bindings/uniffi/uniffi.toml", "rb"))["bindings"]["kotlin"]["package_name"])')
  grep -qE 'consumerProguardFiles\("consumer-rules\.pro"\)' "$GRADLE" &&
    [ -f "$RULES" ] &&
    grep -qxF -- '-keep class com.sun.jna.** { *; }' "$RULES" &&
    grep -qxF -- "-keep class $package.** { *; }" "$RULES" &&
    grep -qxF -- '-keep class * extends com.sun.jna.Structure { *; }' "$RULES" &&
    grep -qxF -- '-keep class * implements com.sun.jna.Callback { *; }' "$RULES" &&
    echo "rules keep com.sun.jna.**, $package.** (uniffi.toml's package), Structures, Callbacks"
}
check "consumer R8 rules keep JNA and the generated package, and the AAR ships them" consumer_rules_keep_jna_and_bindings

gradle_targets_and_publishing() {
  local java kotlin
  java=$(grep -oE '(source|target)Compatibility = JavaVersion\.VERSION_[0-9]+' "$GRADLE" | grep -oE '[0-9]+$' | sort -u)
  kotlin=$(grep -oE 'jvmTarget\.set\(JvmTarget\.JVM_[0-9]+\)' "$GRADLE" | grep -oE '[0-9]+\)$' | tr -d ')')
  echo "Java target: $java, Kotlin target: $kotlin"
  [ "$(echo "$java" | wc -l)" -eq 1 ] && [ -n "$java" ] && [ "$java" = "$kotlin" ] &&
    grep -q '`maven-publish`' "$GRADLE" &&
    grep -q 'singleVariant("release")' "$GRADLE" &&
    grep -q 'create<MavenPublication>("release")' "$GRADLE" &&
    grep -q 'from(components\["release"\])' "$GRADLE"
}
check "Gradle: equal explicit Java and Kotlin targets, a maven-publish release publication" gradle_targets_and_publishing

generated_sources_untracked() {
  grep -q 'kotlin.srcDir(generated' "$GRADLE" && grep -q 'jniLibs.srcDir(generated' "$GRADLE" &&
    grep -q '"../../../target/android"' "$GRADLE" &&
    grep -q '^OUT=target/android$' bindings/uniffi/scripts/package-android.sh &&
    git check-ignore -q target/android/kotlin/org/smartlib/smartlib_uniffi.kt &&
    [ -z "$(git ls-files bindings/uniffi/android | grep -E 'src/main/(kotlin|jniLibs)')" ]
}
check "generated Android sources and libraries go to target/android (ignored), not the module" generated_sources_untracked

# The async layers and the Swift conformances are hand-written beside the generated bindings;
# an app only gets them if the package scripts copy them in.
hand_written_layers_shipped() {
  [ -f bindings/uniffi/kotlin/org/smartlib/Coroutines.kt ] && [ -n "$(ls bindings/uniffi/swift/*.swift)" ] &&
    grep -q '^cp -r bindings/uniffi/kotlin/org "$OUT/kotlin/"$' bindings/uniffi/scripts/package-android.sh &&
    grep -q 'kotlinx-coroutines-android:' "$GRADLE" &&
    grep -q '^cp bindings/uniffi/swift/\*.swift "$PKG/Sources/SmartLib/"$' bindings/uniffi/scripts/package-ios.sh
}
check "the hand-written Kotlin and Swift layers are shipped (and coroutines for Android)" hand_written_layers_shipped

# ---- library names -----------------------------------------------------------------------
host_independent_names() {
  [ "$(cdylib_file Darwin)" = libsmartlib_uniffi.dylib ] && [ "$(cdylib_file Linux)" = libsmartlib_uniffi.so ] &&
    [ "$(cdylib_file)" = "$(cdylib_file "$(uname -s)")" ] || return 1
  # No script's commands name the file itself: they all ask cdylib_file.
  ! grep -nE 'libsmartlib_uniffi\.(so|dylib)' bindings/uniffi/scripts/generate.sh bindings/uniffi/scripts/package-ios.sh \
    bindings/uniffi/scripts/test-kotlin.sh bindings/uniffi/scripts/test-swift.sh scripts/bench-mobile.sh | grep -vE '^[^:]+:[0-9]+: *#'

}
check "scripts name the library by host (.so on Linux, .dylib on macOS)" host_independent_names

# ---- iOS ---------------------------------------------------------------------------------
[ -f target/uniffi/gen/SmartLib.swift ] || bash bindings/uniffi/scripts/generate.sh >/dev/null
bash .ci/install-swift.sh >/dev/null || { echo "FAIL the Swift toolchain (.ci/install-swift.sh) did not install"; exit 1; }
IOS=$WORK/ios
FRAMEWORK=$IOS/SmartLib.xcframework
mkdir -p "$IOS"
stage_ios_headers target/uniffi/gen "$IOS/headers"

namespaced_module_map() {
  [ -f "$IOS/headers/SmartLibFFI/module.modulemap" ] && [ -f "$IOS/headers/SmartLibFFI/SmartLibFFI.h" ] &&
    [ ! -e "$IOS/headers/module.modulemap" ] &&
    grep -qE '^module SmartLibFFI' "$IOS/headers/SmartLibFFI/module.modulemap" &&
    grep -qE 'header "SmartLibFFI.h"' "$IOS/headers/SmartLibFFI/module.modulemap" || return 1
  cp target/uniffi/gen/SmartLib.swift bindings/uniffi/swift/*.swift "$IOS/"
  # Only -I: clang must find the module map in the folder named after the module, as Xcode does
  # with an XCFramework's Headers. The hand-written layer is type-checked with the bindings, as
  # package-ios.sh ships them.
  bash .ci/in-swift-root.sh "$ROOT" "cd $IOS && swiftc -typecheck -module-name SmartLib -I headers *.swift"
}
check "module map namespaced in Headers/SmartLibFFI/, found by module name (swiftc -I)" namespaced_module_map

# A stand-in for `xcodebuild -create-xcframework`'s output (no Xcode here): its layout, with the
# host static library and the staged headers.
mkdir -p "$FRAMEWORK/ios-arm64"
cp -R "$IOS/headers" "$FRAMEWORK/ios-arm64/Headers"
[ -f "$STATICLIB" ] && cp "$STATICLIB" "$FRAMEWORK/ios-arm64/"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict/></plist>\n' >"$FRAMEWORK/Info.plist"

zip_and_checksum() {
  local checksum listed expected swiftpm
  checksum=$(PATH=/usr/bin:/bin zip_xcframework "$FRAMEWORK") || return 1
  listed=$(unzip -Z1 "$FRAMEWORK.zip" | cut -d/ -f1 | sort -u)
  expected=$(sha256sum "$FRAMEWORK.zip" | cut -d' ' -f1)
  swiftpm=$(bash .ci/in-swift-root.sh "$ROOT" "swift package compute-checksum $FRAMEWORK.zip" | tail -n 1)
  echo "zip $(wc -c <"$FRAMEWORK.zip") bytes; top level: $listed; checksum $checksum; swift package compute-checksum: $swiftpm"
  [ "$listed" = SmartLib.xcframework ] && unzip -Z1 "$FRAMEWORK.zip" | grep -x 'SmartLib.xcframework/ios-arm64/Headers/SmartLibFFI/module.modulemap' >/dev/null &&
    [[ $checksum =~ ^[0-9a-f]{64}$ ]] && [ "$checksum" = "$expected" ] && [ "$checksum" = "$swiftpm" ]
}
check "XCFramework zip (the framework at its top) and its checksum = swift package compute-checksum" zip_and_checksum

swift_package_manifests() {
  local checksum url=https://example.invalid/smartlib/SmartLib.xcframework.zip pkg=$IOS/package
  checksum=$(sha256sum "$FRAMEWORK.zip" | cut -d' ' -f1)
  mkdir -p "$pkg/Sources/SmartLib" && cp target/uniffi/gen/SmartLib.swift "$pkg/Sources/SmartLib/"
  write_swift_package "$pkg" "$checksum" "$url"
  bash .ci/in-swift-root.sh "$ROOT" "cd $pkg && swift package dump-package" >"$WORK/remote.json" || return 1
  write_swift_package "$pkg" "$checksum"
  bash .ci/in-swift-root.sh "$ROOT" "cd $pkg && swift package dump-package" >"$WORK/local.json" || return 1
  python3 - "$WORK/remote.json" "$WORK/local.json" "$url" "$checksum" <<'PY'
import json, sys
remote, local = (json.load(open(p)) for p in sys.argv[1:3])
url, checksum = sys.argv[3:5]
def binary(package):
    [target] = [t for t in package["targets"] if t["type"] == "binary"]
    return target
r, l = binary(remote), binary(local)
print("remote:", r["name"], r.get("url"), r.get("checksum"), "| local:", l["name"], l.get("path"))
ok = (r["name"] == l["name"] == "SmartLibFFI" and r.get("url") == url and r.get("checksum") == checksum
      and l.get("path") == "SmartLib.xcframework"
      and any(t["name"] == "SmartLib" and t["dependencies"] for t in remote["targets"]))
sys.exit(0 if ok else 1)
PY
}
check "Package.swift: binary target at a URL with its checksum, or local (swift package dump-package)" swift_package_manifests

echo "packaging: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
