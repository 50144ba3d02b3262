#!/usr/bin/env bash
# Benchmarks `smartlib batch` end to end on PLS-shaped rows (every column of
# examples/data/pls-fy2022-libraries.csv carried through, plus the three programs the survey
# shows), as JSON Lines and as CSV, at 100,000 and 1,000,000 rows, with --jobs 1 and --jobs 2:
# rows/s (wall clock), CPU time a row (user + system), and peak memory (max RSS from
# /usr/bin/time -v), which should stay flat as the file grows. The output goes to /dev/null
# (written directly, as a device), so the figures are the pipeline's; OUTPUT=file writes a file
# with -o instead, which adds the atomic replace (fsync and rename).
#
# Usage: scripts/bench-batch.sh [ROWS...]          (default: 100000 1000000)
#   SMARTLIB=path/to/smartlib   benchmark that binary instead of building this checkout
#   JOBS="1 2"                  the --jobs values to run
#   BEFORE=path/to/smartlib     also run that build, on the same inputs, before each of these
#                               runs (without --jobs, which older builds lack)
#   FORMATS="jsonl csv"         the input (and output) formats
# On a shared machine, wall clock depends on the load: the 1-minute load average is printed
# with each run; compare CPU a row, and instruction counts (callgrind) for small changes.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || { echo "needs GNU time" >&2; exit 1; }; }
if [ -z "${SMARTLIB:-}" ]; then
  cargo build --release --locked -q -p smartlib-cli
  SMARTLIB=./target/release/smartlib
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROWS=("$@")
[ ${#ROWS[@]} -gt 0 ] || ROWS=(100000 1000000)
JOBS=${JOBS:-1 2}
FORMATS=${FORMATS:-jsonl csv}

# PLS-shaped rows: the survey's 9,248 libraries over and over (each id made unique), every
# column carried ("staff" renamed, as it is a profile field), and the crosswalk's three
# programs: a count above 0 offered, 0 not offered, a survey code (negative) unknown.
generate() {
  python3 - "$1" "$2" examples/data/pls-fy2022-libraries.csv <<'PY'
import csv, json, sys
fmt, rows, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(source, newline="") as f:
    reader = csv.reader(f)
    header = ["staff_fte" if name == "staff" else name for name in next(reader)]
    base = list(reader)
programs = {"computer-labs": "computer_sessions", "wifi-access": "wireless_sessions", "digital-resources": "e_items"}
columns = [header.index(column) for column in programs.values()]
texts = {"fscs_id", "name", "city", "state"}
out = sys.stdout
if fmt == "csv":
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header + list(programs))
for n in range(rows):
    row = list(base[n % len(base)])
    row[0] = f"{row[0]}-{n // len(base)}"
    statuses = [None if float(row[c]) < 0 else float(row[c]) > 0 for c in columns]
    if fmt == "csv":
        writer.writerow(row + [{None: "", True: "yes", False: "no"}[s] for s in statuses])
    else:
        record = {name: text if name in texts else float(text) if "." in text else int(text)
                  for name, text in zip(header, row)}
        record.update(zip(programs, statuses))
        out.write(json.dumps(record, separators=(",", ":")) + "\n")
PY
}

echo "$("$SMARTLIB" --version 2>/dev/null || echo "$SMARTLIB"), $(nproc) cores"
printf '%-6s %-6s %9s %7s %9s %11s %12s %9s %11s %6s\n' build format rows jobs wall rows/s "CPU µs/row" "max RSS" "input" load
for format in $FORMATS; do
  for rows in "${ROWS[@]}"; do
    generate "$format" "$rows" > "$WORK/in.$format"
    runs=()
    [ -n "${BEFORE:-}" ] && runs+=("before default")
    for jobs in $JOBS; do runs+=("this $jobs"); done
    for run in "${runs[@]}"; do
      read -r build jobs <<< "$run"
      binary=$SMARTLIB flags=(--jobs "$jobs")
      [ "$build" = before ] && binary=$BEFORE flags=()
      out=/dev/null
      [ "${OUTPUT:-}" = file ] && out="$WORK/out.$format"
      load=$(cut -d' ' -f1 /proc/loadavg)
      status=0
      /usr/bin/time -v "$binary" batch "$WORK/in.$format" -o "$out" "${flags[@]}" 2> "$WORK/time.txt" || status=$?
      # Exit 1 means some rows failed: a benchmark input has none.
      [ "$status" -eq 0 ] || { tail -5 "$WORK/time.txt" >&2; exit 1; }
      read -r wall cpu rss < <(awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
        /User time/ { cpu += $2 } /System time/ { cpu += $2 }
        /Maximum resident set size/ { rss = $2 / 1024 }
        END { printf "%s %s %.1f\n", wall, cpu, rss }' "$WORK/time.txt")
      printf '%-6s %-6s %9s %7s %8.2fs %11.0f %12.2f %6sMiB %9sMB %6s\n' "$build" "$format" "$rows" "$jobs" "$wall" \
        "$(echo "$rows / $wall" | bc -l)" "$(echo "$cpu * 1000000 / $rows" | bc -l)" "$rss" \
        "$(( $(stat -c %s "$WORK/in.$format") / 1000000 ))" "$load"
    done
  done
done
