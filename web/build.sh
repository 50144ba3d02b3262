#!/usr/bin/env bash
# Builds the self-assessment page into web/dist/ (static files only): the engine's npm package
# (bindings/wasm/scripts/build.sh), then the page with Vite (pinned in package-lock.json).
# Open it with: python3 -m http.server -d web/dist   (or copy dist/ to any static host)
set -euo pipefail
cd "$(dirname "$0")"
fail() { echo "ERROR: $*" >&2; exit 1; }

bash ../bindings/wasm/scripts/build.sh
command -v npm >/dev/null || fail "npm is missing: install Node.js 20 or later"
# The lock file pins Vite and the test tools; reinstall only when it changed.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.package-lock.json.ci 2>/dev/null; then
  npm ci --no-audit --no-fund --silent || fail "cannot install the page's tools (npm ci in web/)"
  cp package-lock.json node_modules/.package-lock.json.ci
fi
node_modules/.bin/vite build --logLevel warn || fail "vite build failed"
wasm=$(find dist -name '*.wasm')
[ "$(echo "$wasm" | wc -l)" -eq 1 ] && [ -n "$wasm" ] || fail "expected one .wasm file in web/dist, found: $wasm"
echo "web: built web/dist ($(du -sk dist | cut -f1) KiB, $(find dist -type f | wc -l) files)"
