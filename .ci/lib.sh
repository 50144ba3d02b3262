# shellcheck shell=bash
# Helpers shared by the .ci install scripts: source it after setting SCRIPT_NAME.
# Provides die, log, retry, and REPO / TOOLCHAINS (created; default <repo>/.toolchains).

die() { echo "$SCRIPT_NAME: ERROR: $*" >&2; exit 1; }
log() { echo "$SCRIPT_NAME: $*" >&2; }

# retry N LABEL cmd...: run cmd up to N times, 5 s apart.
retry() {
  local n=$1 label=$2 i
  shift 2
  for ((i = 1; ; i++)); do
    "$@" && return 0
    ((i >= n)) && return 1
    log "$label failed (attempt $i/$n); retrying in 5 s"
    sleep 5
  done
}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLCHAINS=${TOOLCHAINS:-$REPO/.toolchains}
mkdir -p "$TOOLCHAINS"
