#!/usr/bin/env bash
# install-swift.sh - Swift toolchain for testing the uniffi Swift bindings.
#
# Debian bookworm has no Swift, and trixie's `swiftlang` (Swift 6.0.3) needs
# glibc >= 2.38 / libstdc++ >= 13, so it cannot run on bookworm directly.
# This script builds a private trixie root instead:
#   - apt state (sources.list, lists, cache, empty dpkg status) lives in
#     $TOOLCHAINS/trx; /etc/apt is not touched and nothing is installed into /;
#   - downloads swiftlang + libc6-dev + dash + coreutils and all their trixie
#     dependencies (~110 .debs, ~525 MB) and unpacks them with `dpkg -x` into
#     $TOOLCHAINS/swiftroot (~2.5 GB; the .debs are deleted afterwards);
#   - use it through .ci/in-swift-root.sh WORKDIR 'cmd' (unshare + chroot, root).
#
# TOOLCHAINS defaults to <repo>/.toolchains (never commit it). Needs root.
# Idempotent: if $TOOLCHAINS/swiftroot/usr/bin/swiftc exists and
# `swift --version` runs in the root, it does nothing (~0.5 s). A broken or
# half-built root is rebuilt (it is assembled in swiftroot.new and renamed).
# Downloads (apt-get update / download) are retried up to 3 times.
# Time on a cold machine: ~40 s (apt update+download ~8 s, dpkg -x ~30 s); measured 37-39 s.
set -euo pipefail

# shellcheck disable=SC2034 # read by lib.sh
SCRIPT_NAME=install-swift.sh
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOOLCHAINS=$(cd "$TOOLCHAINS" && pwd)
TRX=$TOOLCHAINS/trx
SWIFT_ROOT=$TOOLCHAINS/swiftroot
IN_ROOT=$CI_DIR/in-swift-root.sh
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
SUITE=trixie
ROOT_PKGS=(swiftlang libc6-dev dash coreutils)

[ "$(id -u)" = 0 ] || die "must run as root (chroot/unshare in in-swift-root.sh)"
[ -f "$IN_ROOT" ] || die "missing $IN_ROOT"

# swift_ok: the root exists and `swift --version` runs inside it.
swift_ok() {
  [ -x "$SWIFT_ROOT/usr/bin/swiftc" ] || return 1
  mkdir -p "$TRX/probe"
  SWIFT_ROOT=$SWIFT_ROOT SWIFT_EXTRA_BIND='' bash "$IN_ROOT" "$TRX/probe" 'swift --version' \
    >"$TRX/swift-version.txt" 2>&1
}

if swift_ok; then
  log "swift root already set up in $SWIFT_ROOT: $(grep -m1 'Swift version' "$TRX/swift-version.txt" || true)"
  echo "SWIFT_ROOT=$SWIFT_ROOT"
  exit 0
fi

for tool in apt-get apt-cache dpkg unshare chroot mount; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
[ -f "$KEYRING" ] || die "$KEYRING not found (package debian-archive-keyring)"

t0=$SECONDS
log "$(date +%T) building Debian $SUITE swift root in $SWIFT_ROOT (apt state in $TRX)"

# ---- private apt state ---------------------------------------------------------
mkdir -p "$TRX"/lists/partial "$TRX"/cache/archives/partial
: >"$TRX"/status
echo "deb [signed-by=$KEYRING] http://deb.debian.org/debian $SUITE main" >"$TRX"/sources.list
ARCH=$(dpkg --print-architecture)
O=(-o Dir::Etc::sourcelist="$TRX"/sources.list -o Dir::Etc::sourceparts=/dev/null
  -o Dir::Etc::preferences=/dev/null -o Dir::Etc::preferencesparts=/dev/null
  -o Dir::State::Lists="$TRX"/lists -o Dir::Cache="$TRX"/cache
  -o Dir::State::status="$TRX"/status -o Dir::State::extended_states="$TRX"/extended_states
  -o APT::Architecture="$ARCH" -o APT::Architectures="$ARCH"
  -o APT::Sandbox::User=root)

retry 3 "apt-get update ($SUITE)" apt-get "${O[@]}" update -qq || die "apt-get update ($SUITE) failed 3 times"

mapfile -t PKGS < <(apt-cache "${O[@]}" depends --recurse --no-recommends --no-suggests \
  --no-conflicts --no-breaks --no-replaces --no-enhances "${ROOT_PKGS[@]}" \
  | grep -v -e '^ ' -e '^<' | sort -u)
((${#PKGS[@]} > 50)) || die "dependency resolution gave only ${#PKGS[@]} packages: ${PKGS[*]}"
printf '%s\n' "${PKGS[@]}" >"$TRX"/packages.txt
log "$(date +%T) downloading ${#PKGS[@]} packages"

# Start from an empty folder so debs of an older run never get unpacked too.
rm -rf "$TRX"/debs
mkdir -p "$TRX"/debs
(cd "$TRX"/debs && retry 3 "apt-get download" apt-get "${O[@]}" -qq download "${PKGS[@]}" >/dev/null) \
  || die "apt-get download failed 3 times"
ndebs=$(find "$TRX"/debs -maxdepth 1 -name '*.deb' | wc -l)
((ndebs == ${#PKGS[@]})) || die "downloaded $ndebs .debs, expected ${#PKGS[@]}"

# ---- unpack into swiftroot.new, then rename ---------------------------------------
NEW=$SWIFT_ROOT.new
rm -rf "$NEW"
mkdir -p "$NEW"
log "$(date +%T) unpacking $ndebs .debs ($(du -sh "$TRX"/debs | cut -f1))"
# Largest first (swiftlang alone is 444 MB of xz, ~30 s), one dpkg -x per core:
# ~43 s instead of ~52 s sequentially on 2 cores. No two of these packages ship
# the same path, so the order does not change the result (checked).
(cd "$TRX"/debs && find . -maxdepth 1 -name '*.deb' -printf '%s %f\n' | sort -rn | cut -d' ' -f2- \
  | xargs -d '\n' -P "$(nproc)" -I{} dpkg -x {} "$NEW") || die "dpkg -x failed"
# merged-/usr links (trixie is /usr-merged; dpkg -x does not create them).
for d in bin lib lib64 sbin; do
  if [ -d "$NEW/$d" ] && [ ! -L "$NEW/$d" ]; then # a package shipped /$d/...: merge it
    mkdir -p "$NEW/usr/$d"
    cp -a "$NEW/$d/." "$NEW/usr/$d/"
    rm -rf "${NEW:?}/$d"
  fi
  ln -sfn "usr/$d" "$NEW/$d"
done
mkdir -p "$NEW"/proc "$NEW"/dev "$NEW"/src "$NEW"/tmp "$NEW"/etc
chmod 1777 "$NEW"/tmp
# Postinst scripts never ran: give tools a minimal passwd/group.
[ -e "$NEW"/etc/passwd ] || echo 'root:x:0:0:root:/tmp:/bin/sh' >"$NEW"/etc/passwd
[ -e "$NEW"/etc/group ] || echo 'root:x:0:' >"$NEW"/etc/group
[ -x "$NEW"/usr/bin/swiftc ] || die "swiftc missing after unpacking"
[ -e "$NEW"/bin/sh ] || die "/bin/sh missing in the root"

rm -rf "$SWIFT_ROOT"
mv "$NEW" "$SWIFT_ROOT"
rm -rf "$TRX"/debs "$TRX"/cache/archives/*.deb

swift_ok || die "swift does not run in $SWIFT_ROOT: $(tail -5 "$TRX/swift-version.txt")"
log "done in $((SECONDS - t0)) s: $(grep -m1 'Swift version' "$TRX/swift-version.txt" || true)"
echo "SWIFT_ROOT=$SWIFT_ROOT"
