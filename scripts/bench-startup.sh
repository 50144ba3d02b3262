#!/usr/bin/env bash
# `smartlib assess` end to end, process start included, on an example profile: the release
# binary timed by hyperfine (Debian: apt-get install hyperfine), beside `smartlib --version`
# (a process that starts, parses its arguments and loads no catalog), so the difference is
# what loading the embedded catalog, assessing and printing cost. With valgrind installed it
# also counts each command's instructions, which stay put on a busy machine.
#
#   scripts/bench-startup.sh [PROFILE]    (default examples/profiles/anytown.toml)
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=${1:-examples/profiles/anytown.toml}
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null \
  || { echo "needs hyperfine (Debian package hyperfine)" >&2; exit 1; }
cargo build --release -q -p smartlib-cli
BIN=target/release/smartlib
OUT=$(mktemp -d)
hyperfine -N --warmup 10 --runs 100 --export-json "$OUT/startup.json" \
  "$BIN --version" \
  "$BIN assess --profile $PROFILE" \
  "$BIN assess --profile $PROFILE --format json"
python3 - "$OUT/startup.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(f"median {result['median'] * 1000:6.2f} ms  min {result['min'] * 1000:6.2f} ms  {result['command']}")
PY
if command -v valgrind >/dev/null; then
  for args in "--version" "assess --profile $PROFILE"; do
    # shellcheck disable=SC2086
    count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" $args 2>&1 >/dev/null \
      | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    echo "instructions $count  smartlib $args"
  done
fi
rm -rf "$OUT"
