#!/usr/bin/env bash
# in-swift-root.sh WORKDIR 'shell command'
#
# Runs one shell command inside the private Debian trixie root that
# .ci/install-swift.sh builds (Swift 6.0.3 from Debian's swiftlang; bookworm's
# glibc/libstdc++ are too old to run it directly). WORKDIR is bind-mounted at
# /src and the command starts there. Exit code = the command's.
#
# How: `unshare --mount` (private mount namespace, so every mount vanishes with
# the process; nothing changes on the host), mount /proc (without it swiftc
# cannot find libswiftCore.so via $ORIGIN), rbind /dev, bind WORKDIR,
# chroot, `env -i` with PATH=/usr/libexec/swift/bin:/usr/bin (Debian ships
# `swift` only in /usr/libexec/swift/bin). Needs root (as sessions and CI are).
#
# Environment:
#   SWIFT_ROOT        the root; default ${TOOLCHAINS:-<repo>/.toolchains}/swiftroot
#   SWIFT_EXTRA_BIND  optional extra bind mounts "hostpath:/containerpath",
#                     several separated by commas, e.g. a folder with a Rust .so:
#                     SWIFT_EXTRA_BIND="$PWD/target/debug:/rustlib"
# Inside: HOME=/tmp (the root's own, persistent /tmp, so module caches stay warm),
# LANG=C.UTF-8, plain /bin/sh (dash).
#
# Time: ~0.1 s overhead per call; no download.
#
# Example: .ci/in-swift-root.sh /tmp/pkg 'swift test --disable-swift-testing'
set -euo pipefail

die() { echo "in-swift-root.sh: ERROR: $*" >&2; exit 125; }

[ $# -eq 2 ] || die "usage: $0 WORKDIR 'shell command'"
[ "$(id -u)" = 0 ] || die "must run as root (needs unshare --mount and chroot)"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SWIFT_ROOT=${SWIFT_ROOT:-${TOOLCHAINS:-$REPO/.toolchains}/swiftroot}
if [ ! -x "$SWIFT_ROOT/usr/bin/env" ] || [ ! -d "$SWIFT_ROOT/src" ]; then
  die "no swift root at $SWIFT_ROOT (run .ci/install-swift.sh first)"
fi
SWIFT_ROOT=$(realpath "$SWIFT_ROOT")
[ -d "$1" ] || die "WORKDIR '$1' is not a directory"
WORKDIR=$(realpath "$1")
CMD=$2

# Extra bind mounts, validated and with mount points created, as host/container pairs.
binds=()
if [ -n "${SWIFT_EXTRA_BIND:-}" ]; then
  IFS=',' read -r -a specs <<<"$SWIFT_EXTRA_BIND"
  for spec in "${specs[@]}"; do
    [ -n "$spec" ] || continue
    host=${spec%%:*} cont=${spec#*:}
    [[ $spec == *:* && -n $host && $cont == /* && $cont != / ]] \
      || die "bad SWIFT_EXTRA_BIND entry '$spec' (want /host/path:/container/path)"
    [ -e "$host" ] || die "SWIFT_EXTRA_BIND: host path '$host' does not exist"
    host=$(realpath "$host")
    target=$(realpath -m "$SWIFT_ROOT$cont")
    [[ $target == "$SWIFT_ROOT"/* ]] \
      || die "SWIFT_EXTRA_BIND: '$cont' resolves outside the swift root"
    if [ -d "$host" ]; then
      mkdir -p "$target"
    else
      mkdir -p "$(dirname "$target")"
      [ -e "$target" ] || : >"$target"
    fi
    binds+=("$host" "$target")
  done
fi

# shellcheck disable=SC2016  # the inner script is single-quoted on purpose
exec unshare --mount --propagation private bash -c '
  set -e
  root=$1 work=$2 cmd=$3
  shift 3
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount --bind "$work" "$root/src"
  while [ $# -ge 2 ]; do mount --bind "$1" "$2"; shift 2; done
  exec chroot "$root" /usr/bin/env -i HOME=/tmp TMPDIR=/tmp LANG=C.UTF-8 \
       PATH=/usr/libexec/swift/bin:/usr/local/bin:/usr/bin:/usr/sbin \
       /bin/sh -c "cd /src || exit 125
$cmd"
' in-swift-root "$SWIFT_ROOT" "$WORKDIR" "$CMD" "${binds[@]}"
