#!/usr/bin/env bash
# A new organisation's first day, walked in the real window: an empty store set up from the
# command line, its administrator signing in, and what the empty pages say (Residents,
# Actions, Meetings, exporting a meeting before there is one). Keyboard first, under Xvfb,
# a screenshot after each step; look at every one.
#
#   scripts/walkthrough-first-day.sh [BUILD_DIR] [OUT_DIR]
#
# BUILD_DIR defaults to build/app (built here if missing); OUT_DIR to build/walkthrough-first-day.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/walk-prepare.sh
. scripts/lib/walk-prepare.sh
prepare_walk "${1:-build/app}" "${2:-build/walkthrough-first-day}"
passphrase="first day passphrase 2026"
store="$work/first-day.nmdt"
NMDT_PASSPHRASE="$passphrase" "$build/apps/nmdt-cli" set-up "$store" --org "Northvale PCN" \
  --kind gp-practice --ods Y01234 --name "Pat Admin" --as pat >/dev/null

settle=0.7
start_walk "$store"

echo "First-day screenshots in $out:"
window "Neighbourhood MDT"
typed "Pat Admin"
keys Tab
typed "$passphrase"
shot sign-in
keys Return
window "Neighbourhood MDT"
shot empty-residents

# Exporting a meeting's outcomes before any meeting exists: said before any file is asked
# for, and the Meetings page is shown.
keys alt+f
shot file-menu
keys m
window "Export meeting outcomes"
shot no-meeting-yet
keys Return
window "Neighbourhood MDT"
shot meetings-page-shown

keys ctrl+q
wait "$app" 2>/dev/null || true
echo "Done: look at each screenshot."
