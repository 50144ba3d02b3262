#!/usr/bin/env bash
# Builds the npm package in bindings/wasm/npm: the wasm32 module (profile `wasm`: opt-level z,
# LTO), its JS glue from wasm-bindgen-cli (the exact version of the wasm-bindgen crate, installed
# from crates.io into .toolchains/ on first use), then wasm-opt -Oz (npm binaryen, pinned in
# package-lock.json). Fails when the module is over its size budget, 800 KiB gzipped.
#
# Usage: bash bindings/wasm/scripts/build.sh      (TOOLCHAINS=dir to keep the CLI elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
HERE=$PWD
ROOT=$(cd ../.. && pwd)
fail() { echo "ERROR: $*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo is missing: install Rust with rustup (https://rustup.rs)"
command -v npm >/dev/null || fail "npm is missing: install Node.js 20 or later"
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown || fail "cannot install the wasm32-unknown-unknown target"
fi

# The CLI must be the crate's exact version: read it from Cargo.lock.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock")
[ -n "$version" ] || fail "no wasm-bindgen in Cargo.lock"
toolchains=${TOOLCHAINS:-$ROOT/.toolchains}
bindgen="$toolchains/wasm-bindgen-$version/bin/wasm-bindgen"
if [ ! -x "$bindgen" ]; then
  echo "installing wasm-bindgen-cli $version into $toolchains (a few minutes, once)"
  # Not --locked: the CLI's lock file names a webpki-roots release some registry mirrors lack;
  # the CLI itself is pinned to the exact version.
  cargo install wasm-bindgen-cli --version "=$version" --root "$toolchains/wasm-bindgen-$version" --quiet ||
    fail "cannot install wasm-bindgen-cli $version (cargo install wasm-bindgen-cli --version =$version)"
fi
[ "$("$bindgen" --version)" = "wasm-bindgen $version" ] || fail "$bindgen is not version $version"

(cd "$ROOT" && cargo build --locked --quiet --profile wasm --target wasm32-unknown-unknown -p smartlib-wasm) ||
  fail "cargo build of the wasm module failed"
module="$ROOT/target/wasm32-unknown-unknown/wasm/smartlib_wasm.wasm"
wasm=npm/wasm/smartlib_wasm_bg.wasm
# The glue and the optimised module are made again only when the module or the tools changed.
stamp="$(sha256sum "$module" package-lock.json | cut -d' ' -f1 | tr '\n' ' ')$version"
if [ "$(cat npm/wasm/.stamp 2>/dev/null)" != "$stamp" ] || [ ! -f "$wasm" ]; then
  rm -rf npm/wasm
  "$bindgen" --target web --out-dir npm/wasm --out-name smartlib_wasm "$module"
  [ -x node_modules/.bin/wasm-opt ] || npm ci --no-audit --no-fund --silent ||
    fail "cannot install binaryen from npm (npm ci in bindings/wasm)"
  # wasm-opt must allow the features rustc's wasm32 target emits by default.
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
  echo "$stamp" >npm/wasm/.stamp
fi

raw=$(stat -c %s "$wasm")
gzipped=$(gzip -9 -c "$wasm" | wc -c)
echo "wasm: $HERE/$wasm: $(((raw + 512) / 1024)) KiB, $(((gzipped + 512) / 1024)) KiB gzipped (budget 800 KiB gzipped)"
[ "$gzipped" -le $((800 * 1024)) ] || fail "the .wasm is over its size budget: $gzipped bytes gzipped"
