#!/usr/bin/env bash
# Instructions per engine call on the embedded default catalog, counted by callgrind: stable
# where times are not (a busy or shared machine). Runs the `calls` bench binary with N and
# with 0 calls of each operation and prints (count(N) - count(0)) / N, so loading the catalog
# and reading the profile, the same in both runs, cancel out. `answer-copy` copies and drops
# one assess answer: what the answer's owned public types cost by themselves.
#
#   scripts/bench-engine-instructions.sh [N]        (N defaults to 2000)
#
# Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
BIN=$(cargo bench -p smartlib-core --bench calls --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "calls":
        print(m["executable"])')
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$1" "$2" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '%-16s %12s\n' operation instructions/call
for operation in assess assess-resolved summarize summarize-into answer-copy; do
  base=$(count "$operation" 0)
  many=$(count "$operation" "$N")
  printf '%-16s %12d\n' "$operation" $(( (many - base) / N ))
done
