#!/usr/bin/env bash
# Packages smartlib for Android: the library for each ABI under jniLibs, plus the generated
# Kotlin bindings, in the Gradle module bindings/uniffi/android.
#
# NOT RUN IN THIS PROJECT'S CI: it needs the Android NDK, which this machine kind does not have.
# Run it on a development machine with:
#   - ANDROID_NDK_HOME pointing at an NDK (r26 or later);
#   - cargo install cargo-ndk;
#   - rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
# Then depend on the module from your app: implementation(project(":smartlib")).
set -euo pipefail
cd "$(dirname "$0")/../../.."
MODULE=bindings/uniffi/android
[ -n "${ANDROID_NDK_HOME:-}" ] || { echo "set ANDROID_NDK_HOME to your Android NDK" >&2; exit 1; }
command -v cargo-ndk >/dev/null || { echo "cargo install cargo-ndk" >&2; exit 1; }
cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$MODULE/src/main/jniLibs" \
  build --locked -p smartlib-uniffi --profile mobile --lib
# Bindings come from the host build of the same crate (uniffi reads them from any build of it).
bash bindings/uniffi/scripts/generate.sh release >/dev/null
mkdir -p "$MODULE/src/main/kotlin"
cp -r target/uniffi/gen/org "$MODULE/src/main/kotlin/"
echo "Android module ready in $MODULE (jniLibs for arm64-v8a, armeabi-v7a, x86_64)."
