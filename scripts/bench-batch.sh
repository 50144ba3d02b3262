#!/usr/bin/env bash
# Benchmarks `smartlib batch` on generated JSON Lines files of 100,000 and 1,000,000 profiles:
# throughput (rows/s) and peak memory (max RSS from /usr/bin/time -v), which should stay flat as
# the file grows. Usage: scripts/bench-batch.sh [ROWS...]   (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || { echo "needs GNU time" >&2; exit 1; }; }
cargo build --release --locked -q -p smartlib-cli
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROWS=("$@")
[ ${#ROWS[@]} -gt 0 ] || ROWS=(100000 1000000)

# Deterministic rows: each of the 15 programs offered with a row-specific probability, a goal on
# a third of the rows, a budget on a fifth; an id and a state carried through.
generate() {
  python3 - "$1" <<'PY'
import json, random, sys
rng = random.Random(42)
ids = ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "public-meeting-spaces",
       "book-vending-kiosks", "wifi-after-hours", "technology-lending", "advanced-training", "public-services-support",
       "makerspaces", "business-innovation-centers", "youth-assisting-elderly", "open-data-portals", "civic-participation"]
goals = ["ict-users", "democratic-participants", "co-creators", "enabling-participation"]
out = sys.stdout
for n in range(int(sys.argv[1])):
    p = rng.random()
    row = {"id": f"lib-{n}", "state": "NY", "offers": [i for i in ids if rng.random() < p]}
    if n % 3 == 0: row["goals"] = [goals[n % 4]]
    if n % 5 == 0: row["budget"] = "low"
    out.write(json.dumps(row, separators=(",", ":")) + "\n")
PY
}

printf '%-10s %12s %10s %12s %14s\n' rows bytes seconds rows/s "max RSS (MiB)"
for rows in "${ROWS[@]}"; do
  generate "$rows" > "$WORK/in.jsonl"
  /usr/bin/time -v ./target/release/smartlib batch "$WORK/in.jsonl" -o "$WORK/out.jsonl" 2> "$WORK/time.txt"
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$WORK/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time.txt")
  [ "$(wc -l < "$WORK/out.jsonl")" -eq "$rows" ] || { echo "wrong number of output rows" >&2; exit 1; }
  printf '%-10s %12s %10s %12.0f %14s\n' "$rows" "$(stat -c %s "$WORK/in.jsonl")" "$seconds" "$(echo "$rows / $seconds" | bc -l)" "$rss"
done
