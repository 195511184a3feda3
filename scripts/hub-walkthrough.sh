#!/usr/bin/env bash
# The hub as its operator and two partner desktops meet it: a real nmdt-hub on loopback,
# a practice and a VCFSE store syncing through the CLI, a crowd of silent connections beside
# them (more than one address may hold), and the request log and file modes looked at.
# Prints what it saw; exits non-zero when a step does not behave.
# Usage: scripts/hub-walkthrough.sh [BUILD_DIR]   (default build/tests; Linux)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build/tests}" && pwd)"
cli="$build/apps/nmdt-cli" hub="$build/apps/nmdt-hub"
dir="$(mktemp -d /tmp/nmdt-hub-walk.XXXXXX)"
hub_pid=""
cleanup() {
  [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir"
export NMDT_PASSPHRASE="demo passphrase 2026"
step() { printf '\n== %s\n' "$*"; }
fail() { echo "WALKTHROUGH FAILED: $*" >&2; exit 1; }

step "Two desktops and their certificates"
# shellcheck source=lib/trial-hub.sh
. "$root/scripts/lib/trial-hub.sh"
start_trial_hub "hub.handshakeTimeoutMs=2000
hub.maxConnectionsPerAddress=20"
cat hub.out

step "The practice starts a team, the VCFSE desktop joins, both sync"
"$cli" sync-start-team practice.nmdt --hub "https://localhost:$port" --team northvale \
  --cert pki/practice.pem --key pki/practice.key --ca pki/ca.pem
code=$("$cli" sync-invite practice.nmdt --to invitation.json | tail -1 | tr -d ' ')
"$cli" sync-join vcfse.nmdt --invitation invitation.json --code "$code" \
  --cert pki/vcfse.pem --key pki/vcfse.key --ca pki/ca.pem
"$cli" sync practice.nmdt
"$cli" sync vcfse.nmdt

step "Thirty silent connections from this address (its share is 20), then a sync"
# Ten are turned away on arrival. The desktop shares the crowd's address, so its first tries
# are turned away too, until the silent ones' two seconds are up; its retries then get in.
# (Under the default share of 64, forty silent connections keep nobody out: sync.sync_hub_door.)
fds=()
for _ in $(seq 30); do
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" && fds+=("$fd")
done
sleep 0.5
"$cli" sync practice.nmdt || fail "a desktop was kept out by silent connections"
for fd in "${fds[@]}"; do exec {fd}>&-; done

step "Two seconds on, the silent ones have been let go; the request log says so"
sleep 2.5
log="$dir/hub-data/hub-requests.log"
echo "events in $log:"
sed -E 's/.*"event":"([a-z-]+)".*/\1/' "$log" | sort | uniq -c
echo "a line:"
grep '"path":"/v1/push"' "$log" | head -1
grep -q '"event":"connections-limit"' "$log" || fail "no connections-limit line"
grep -q '"event":"handshake-timeout"' "$log" || fail "no handshake-timeout line"
grep -q "northvale" "$log" && fail "the log names the team"
"$cli" sync-status practice.nmdt | head -5

step "The hub's folder and files are its owner's alone"
stat -c '%A %n' "$dir/hub-data" "$dir/hub-data/"*
for f in "$dir/hub-data" "$dir/hub-data/"*; do
  [ "$(stat -c '%a' "$f")" = 700 ] || [ "$(stat -c '%a' "$f")" = 600 ] || fail "$f is open to others"
done

step "The hub stops cleanly"
kill -INT "$hub_pid"
wait "$hub_pid" || true
hub_pid=""
cat hub.out
echo
echo "hub walkthrough: every step behaved"
