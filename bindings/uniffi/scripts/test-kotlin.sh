#!/usr/bin/env bash
# Compiles the generated Kotlin bindings with the tests and the sample, runs the tests with the
# JUnit 5 console launcher against the debug library, and runs the sample. Installs the Kotlin
# toolchain first (.ci/install-kotlin.sh). Ends with "kotlin: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
bash .ci/install-kotlin.sh >/dev/null
# shellcheck source=/dev/null
. "${TOOLCHAINS:-$ROOT/.toolchains}/kotlin.env"
[ -f target/uniffi/gen/org/smartlib/smartlib_uniffi.kt ] || bash bindings/uniffi/scripts/generate.sh
BUILD=target/uniffi/kotlin
rm -rf "$BUILD" && mkdir -p "$BUILD"
J=$JAVA_LIBS
# kotlinx-coroutines (for the suspend layer, bindings/uniffi/kotlin) ships with the npm compiler.
COROUTINES=$KOTLIN_LIB/kotlinx-coroutines-core-jvm.jar
[ -f "$COROUTINES" ] || { echo "missing $COROUTINES (kotlin-compiler from npm ships it)" >&2; exit 1; }
COMPILE_CP=$J/jna.jar:$J/junit-jupiter-api.jar:$J/apiguardian-api.jar:$J/opentest4j.jar:$J/gson.jar:$KOTLIN_LIB/kotlin-test.jar:$COROUTINES
RUN_CP=$J/jna.jar:$J/gson.jar:$KOTLIN_LIB/kotlin-stdlib.jar:$KOTLIN_LIB/kotlin-test.jar:$COROUTINES
LAYER=$(find bindings/uniffi/kotlin -name '*.kt' | sort)
# shellcheck disable=SC2086 # one file a word
"$KOTLINC" -nowarn -cp "$COMPILE_CP" -d "$BUILD/tests.jar" \
  target/uniffi/gen/org/smartlib/smartlib_uniffi.kt $LAYER bindings/uniffi/tests/kotlin/SmartlibTest.kt
set +e
java -Djna.library.path="$ROOT/target/debug" -Dsmartlib.vectors="$ROOT/tests/vectors" \
  -jar "$J/junit-platform-console-standalone.jar" -cp "$BUILD/tests.jar:$RUN_CP" \
  --select-class org.smartlib.tests.SmartlibTest --fail-if-no-tests --details=tree \
  --disable-banner --disable-ansi-colors > "$BUILD/junit.log" 2>&1
STATUS=$?
set -e
tail -n 25 "$BUILD/junit.log"
PASSED=$(awk '/tests successful/ { gsub(/[^0-9]/, "", $2); print $2 }' "$BUILD/junit.log")
FAILED=$(awk '/tests failed/ { gsub(/[^0-9]/, "", $2); print $2 }' "$BUILD/junit.log")
if [ "$STATUS" -ne 0 ]; then grep -B2 -A12 '✘\|MethodSource' "$BUILD/junit.log" | head -60 >&2; fi

# The sample must compile and run too, so it never rots.
# shellcheck disable=SC2086 # one file a word
"$KOTLINC" -nowarn -cp "$J/jna.jar:$COROUTINES" -include-runtime -d "$BUILD/sample.jar" \
  target/uniffi/gen/org/smartlib/smartlib_uniffi.kt $LAYER examples/kotlin/Main.kt
java -Djna.library.path="$ROOT/target/debug" -cp "$BUILD/sample.jar:$J/jna.jar:$COROUTINES" org.smartlib.example.MainKt > "$BUILD/sample.log"
head -n 3 "$BUILD/sample.log"
echo "kotlin: ${PASSED:-0} passed, ${FAILED:-0} failed"
exit "$STATUS"
