#!/usr/bin/env bash
# install-kotlin.sh - Kotlin/JVM toolchain for testing the uniffi Kotlin bindings.
#
# What it does:
#   1. apt-installs Debian's junit5 (JUnit 5.9.2 incl. junit-platform-console-standalone.jar)
#      and libgoogle-gson-java into /usr/share/java, plus default-jre-headless only if no
#      `java` is on PATH. `apt-get update` runs only when something is missing.
#   1b. JNA 5.17 or later (libjna-java + libjna-jni, into /usr/share/java and
#      /usr/lib/<arch>/jni): older JNA does not load on Android devices with 16 KB pages, so
#      the JVM tests run the version apps must ship. Bookworm has 5.13 and trixie 5.15, so the
#      two packages come from Debian's next release (forky, 5.19 when this was written),
#      downloaded with a private apt state in $TOOLCHAINS/jna-apt and installed with apt-get,
#      which takes their dependencies (libc6 >= 2.34, libffi8) from the machine's own release.
#      Debian's JNA loads its native part only from /usr/lib/<arch>/jni, so it cannot live in
#      $TOOLCHAINS. Done only when the installed JNA is older than 5.17.
#   2. npm-installs the Kotlin compiler (npm package `kotlin-compiler`, pinned
#      below) into $TOOLCHAINS/kotlin. Debian's own `kotlin` (1.3.31) is too old
#      for uniffi 0.32 output, and there is no Maven Central here.
#   3. writes $TOOLCHAINS/kotlin.env (KOTLINC, KOTLIN_LIB, JAVA_LIBS) for
#      `source`, prints the same paths, and fails loudly if anything is missing.
#
# TOOLCHAINS defaults to <repo>/.toolchains (never commit it).
# Time on a cold machine: ~15 s (apt update+install, 90 MB npm tarball; measured 14 s);
# warm rerun: ~3 s (one `kotlinc -version`, a JVM start).
#
# Usage: .ci/install-kotlin.sh            then: . "$TOOLCHAINS/kotlin.env"
set -euo pipefail

KOTLIN_VERSION=2.4.20
APT_PKGS=(junit5 libgoogle-gson-java)  # gson: the tests read the shared JSON vectors
JNA_MIN=5.17
JNA_SUITE=forky

# shellcheck disable=SC2034 # read by lib.sh
SCRIPT_NAME=install-kotlin.sh
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TOOLCHAINS=$(cd "$TOOLCHAINS" && pwd)
KT_PREFIX=$TOOLCHAINS/kotlin
KC=$KT_PREFIX/node_modules/kotlin-compiler
KOTLINC=$KC/bin/kotlinc
KOTLIN_LIB=$KC/lib
JAVA_LIBS=/usr/share/java

# ---- 1. Debian packages -------------------------------------------------------
pkg_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}
command -v java >/dev/null 2>&1 || APT_PKGS+=(default-jre-headless)
missing=()
for p in "${APT_PKGS[@]}"; do pkg_installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  retry 3 "apt-get update" apt-get update -qq || die "apt-get update failed"
  retry 3 "apt-get install" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
else
  log "apt packages already installed: ${APT_PKGS[*]}"
fi

# ---- 1b. JNA >= 5.17 ------------------------------------------------------------
jna_version() { dpkg-query -W -f='${Version}' libjna-java 2>/dev/null || true; }
jna_ok() {
  local v
  v=$(jna_version)
  pkg_installed libjna-java && pkg_installed libjna-jni && dpkg --compare-versions "$v" ge "$JNA_MIN" &&
    [ "$(dpkg-query -W -f='${Version}' libjna-jni)" = "$v" ]
}
if jna_ok; then
  log "JNA $(jna_version) already installed"
else
  log "JNA $(jna_version) is older than $JNA_MIN or missing: installing Debian $JNA_SUITE's libjna-java"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found"
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -f "$KEYRING" ] || die "$KEYRING not found (package debian-archive-keyring)"
  JA=$TOOLCHAINS/jna-apt
  rm -rf "$JA"
  mkdir -p "$JA"/lists/partial "$JA"/cache/archives/partial "$JA"/debs
  : >"$JA"/status
  echo "deb [signed-by=$KEYRING] http://deb.debian.org/debian $JNA_SUITE main" >"$JA"/sources.list
  ARCH=$(dpkg --print-architecture)
  JO=(-o Dir::Etc::sourcelist="$JA"/sources.list -o Dir::Etc::sourceparts=/dev/null
    -o Dir::Etc::preferences=/dev/null -o Dir::Etc::preferencesparts=/dev/null
    -o Dir::State::Lists="$JA"/lists -o Dir::Cache="$JA"/cache
    -o Dir::State::status="$JA"/status -o Dir::State::extended_states="$JA"/extended_states
    -o APT::Architecture="$ARCH" -o APT::Architectures="$ARCH" -o APT::Sandbox::User=root)
  retry 3 "apt-get update ($JNA_SUITE)" apt-get "${JO[@]}" update -qq || die "apt-get update ($JNA_SUITE) failed"
  (cd "$JA"/debs && retry 3 "apt-get download" apt-get "${JO[@]}" -qq download libjna-java libjna-jni) \
    || die "apt-get download libjna-java libjna-jni ($JNA_SUITE) failed"
  export DEBIAN_FRONTEND=noninteractive
  retry 3 "apt-get install JNA" apt-get install -y -qq --no-install-recommends --allow-downgrades \
    "$JA"/debs/libjna-jni_*.deb "$JA"/debs/libjna-java_*.deb >/dev/null \
    || die "apt-get install of $JNA_SUITE's libjna-java/libjna-jni failed"
  rm -rf "$JA"
  jna_ok || die "JNA $(jna_version) installed, but $JNA_MIN or later is needed"
fi

# ---- 2. kotlinc from npm ------------------------------------------------------
# `kotlinc -version` prints e.g. "info: kotlinc-jvm 2.4.20 (JRE 17.0.15+6-...)".
kotlinc_version_ok() {
  [ -x "$KOTLINC" ] || return 1
  local out
  out=$("$KOTLINC" -version 2>&1) || return 1
  [[ $out == *"kotlinc-jvm $KOTLIN_VERSION "* ]]
}
if kotlinc_version_ok; then
  log "kotlinc $KOTLIN_VERSION already installed in $KC"
else
  command -v npm >/dev/null 2>&1 || die "npm not found (needed to install kotlin-compiler)"
  log "npm install kotlin-compiler@$KOTLIN_VERSION into $KT_PREFIX"
  # Start clean: npm would keep a damaged or other-version tree it thinks is installed.
  rm -rf "$KT_PREFIX"
  mkdir -p "$KT_PREFIX"
  retry 3 "npm install" npm install --prefix "$KT_PREFIX" --no-audit --no-fund --no-save \
    --no-package-lock --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" >&2 \
    || die "npm install kotlin-compiler@$KOTLIN_VERSION failed"
  # npm does not link bin/kotlinc (package.json only declares kotlinc-js) and
  # may not keep its mode: make sure the launcher scripts are executable.
  chmod +x "$KC"/bin/* 2>/dev/null || true
  kotlinc_version_ok || die "kotlinc at $KOTLINC does not run or is not version $KOTLIN_VERSION: $("$KOTLINC" -version 2>&1 | tail -3)"
fi

# ---- 3. final checks + env file -----------------------------------------------
command -v java >/dev/null 2>&1 || die "java not found on PATH"
java -version >/dev/null 2>&1 || die "java does not run"
# JNA's own self-description loads its native part: it fails if jar and native disagree.
jna_self=$(java -jar "$JAVA_LIBS/jna.jar" 2>&1) || die "JNA does not load: $jna_self"
[[ $jna_self == *"Version: $(jna_version | cut -d- -f1)"* ]] || die "JNA reports \"$jna_self\", expected version $(jna_version)"
for f in "$KOTLIN_LIB/kotlin-stdlib.jar" "$KOTLIN_LIB/kotlin-test.jar" \
  "$JAVA_LIBS/jna.jar" "$JAVA_LIBS/junit-platform-console-standalone.jar" "$JAVA_LIBS/gson.jar" \
  "$JAVA_LIBS/junit-jupiter-api.jar" "$JAVA_LIBS/apiguardian-api.jar" \
  "$JAVA_LIBS/opentest4j.jar"; do
  [ -f "$f" ] || die "missing $f"
done

ENV_FILE=$TOOLCHAINS/kotlin.env
{
  echo "# generated by .ci/install-kotlin.sh (kotlin-compiler $KOTLIN_VERSION)"
  printf 'export KOTLINC=%q\n' "$KOTLINC"
  printf 'export KOTLIN_LIB=%q\n' "$KOTLIN_LIB"
  printf 'export JAVA_LIBS=%q\n' "$JAVA_LIBS"
} >"$ENV_FILE.tmp"
mv -f "$ENV_FILE.tmp" "$ENV_FILE"

cat <<EOF
KOTLINC=$KOTLINC
KOTLIN_LIB=$KOTLIN_LIB
JAVA_LIBS=$JAVA_LIBS
ENV_FILE=$ENV_FILE
# compile classpath: \$JAVA_LIBS/jna.jar:\$JAVA_LIBS/junit-jupiter-api.jar:\$JAVA_LIBS/apiguardian-api.jar:\$JAVA_LIBS/opentest4j.jar:\$KOTLIN_LIB/kotlin-test.jar
# run tests:         java -jar \$JAVA_LIBS/junit-platform-console-standalone.jar -cp tests.jar:\$JAVA_LIBS/jna.jar:\$KOTLIN_LIB/kotlin-stdlib.jar:\$KOTLIN_LIB/kotlin-test.jar ...
EOF
