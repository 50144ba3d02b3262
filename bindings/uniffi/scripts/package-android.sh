#!/usr/bin/env bash
# Packages smartlib for Android: the cdylib for each ABI and the generated Kotlin bindings, in
# target/android (generated, never committed), which the Gradle module bindings/uniffi/android
# compiles into an AAR. Then, in bindings/uniffi/android:
#   gradle assembleRelease                 # build/outputs/aar/smartlib-release.aar
#   gradle publishToMavenLocal             # or `publish`, to the repository in build.gradle.kts
#
# NOT RUN IN THIS PROJECT'S CI: it needs the Android NDK, which this machine kind does not
# have (bindings/uniffi/scripts/check-packaging.sh checks what can be checked without it).
# Run it on a development machine with:
#   - ANDROID_NDK_HOME pointing at an NDK (r26 or later; r28+ aligns to 16 KB by itself);
#   - cargo-ndk 4 or later (`cargo install cargo-ndk`): it keeps the 16 KB page flags of
#     .cargo/config.toml, which older versions could replace;
#   - rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
set -euo pipefail
cd "$(dirname "$0")/../../.."
# shellcheck source=lib.sh
. bindings/uniffi/scripts/lib.sh
OUT=target/android
ABIS=(arm64-v8a armeabi-v7a x86_64)
[ -n "${ANDROID_NDK_HOME:-}" ] || { echo "set ANDROID_NDK_HOME to your Android NDK" >&2; exit 1; }
command -v cargo-ndk >/dev/null || { echo "cargo install cargo-ndk" >&2; exit 1; }
ndk_major=$(cargo ndk --version | sed -nE 's/^cargo-ndk ([0-9]+)\..*/\1/p')
[ "${ndk_major:-0}" -ge 4 ] || { echo "cargo-ndk 4 or later is needed (found: $(cargo ndk --version))" >&2; exit 1; }
# Either would replace the [target.*-linux-android] rustflags that make the library 16 KB-aligned.
[ -z "${RUSTFLAGS:-}${CARGO_ENCODED_RUSTFLAGS:-}" ] || { echo "unset RUSTFLAGS / CARGO_ENCODED_RUSTFLAGS: they replace .cargo/config.toml's Android link flags" >&2; exit 1; }

rm -rf "$OUT" && mkdir -p "$OUT/jniLibs" "$OUT/kotlin"
# The crate's crate-types are lib and cdylib only (the iOS staticlib is asked for by
# package-ios.sh alone), so each ABI links just the .so that goes into jniLibs.
# --platform 24 matches minSdk in android/build.gradle.kts.
cargo ndk --platform 24 $(printf -- '-t %s ' "${ABIS[@]}") -o "$OUT/jniLibs" \
  build --locked -p smartlib-uniffi --profile mobile --lib

# Google Play: every LOAD segment of a 64-bit library aligned to 16 KB (0x4000) or more.
READELF=$(find "$ANDROID_NDK_HOME/toolchains/llvm/prebuilt" -name llvm-readelf \( -type f -o -type l \) | head -n 1)
for abi in "${ABIS[@]}"; do
  so=$OUT/jniLibs/$abi/libsmartlib_uniffi.so
  [ -f "$so" ] || { echo "missing $so" >&2; exit 1; }
  if [ -n "$READELF" ]; then
    check_16k_alignment "$READELF" "$so"
  else
    echo "warning: no llvm-readelf in the NDK, the 16 KB alignment is not checked" >&2
  fi
  echo "$abi: $(wc -c <"$so" | tr -d ' ') bytes"
done

# The bindings come from the host's build of the same crate and profile (uniffi reads them
# from any build of it); `mobile` has no panic probe.
bash bindings/uniffi/scripts/generate.sh mobile >/dev/null
cp -r target/uniffi/gen/org "$OUT/kotlin/"
# The hand-written layer on top: suspend functions (AsyncCatalog).
cp -r bindings/uniffi/kotlin/org "$OUT/kotlin/"
echo "Android sources ready in $OUT; build the AAR in bindings/uniffi/android (gradle assembleRelease)."
