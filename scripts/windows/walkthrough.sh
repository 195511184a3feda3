#!/usr/bin/env bash
# Drives the Windows desktop (nmdt.exe from scripts/build-windows.sh) under Wine in a real
# window on Xvfb with the keyboard, as a practice receptionist and a chair would: unlock a demo
# store made by nmdt-cli.exe, sign in, find a resident by NHS number; refer someone without an
# NHS number; set up a second MDT; plan its meeting and build the agenda.
# Screenshots go to OUT_DIR (default build/windows-walkthrough); with NMDT_README_IMAGES=1 the
# record screenshot also replaces docs/images/windows-desktop.png.
#   scripts/windows/walkthrough.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup.sh --walkthrough
build="${1:-build/windows}"
out="${2:-build/windows-walkthrough}"
[ -x "$build/apps/nmdt/nmdt.exe" ] || scripts/build-windows.sh
mkdir -p "$out"
rm -f "$out"/*.png

work="$(mktemp -d /tmp/nmdt-wine-walk.XXXXXX)"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp &
xvfb=$!
export DISPLAY="$display"
trap 'wineserver -k 2>/dev/null || true; kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
wineboot -i >/dev/null 2>&1

passphrase="demo passphrase 2026"
store='C:\users\Public\Żółw practice\demo store.nmdt'
mkdir -p "$WINEPREFIX/drive_c/users/Public/Żółw practice"
NMDT_PASSPHRASE="$passphrase" wine "$build/apps/nmdt-cli.exe" demo "$store" --size small \
  >/dev/null
wine "$build/apps/nmdt/nmdt.exe" --store "$store" &

settle=0.9  # Wine paints a little later than GTK
# shellcheck source=../lib/drive-window.sh
. scripts/lib/drive-window.sh

echo "Windows walkthrough screenshots in $out:"
window "Sign in to Neighbourhood MDT"
unlock_as_chair "$passphrase" migrates
xdotool search --onlyvisible --name "^Neighbourhood MDT" windowsize %@ 1500 900 2>/dev/null || true
shot residents
keys ctrl+f
typed "999 000 0018"
keys Return
shot record
if [ "${NMDT_README_IMAGES:-}" = 1 ]; then
  convert "$out/$(printf '%02d' $step)-record.png" -crop 1500x900+0+0 +repage \
    docs/images/windows-desktop.png
fi

# Anyone referring: someone newly arrived, with no NHS number yet (a provisional identity).
keys ctrl+shift+n
window "Refer a Resident"
keys alt+w
# By Tab from the box just ticked: under Wine a label's Alt key does not reach the field
# after it (GTK's does), so this walk goes field by field as many keyboard users do.
keys Tab
typed "Mirela"
keys Tab
typed "Dumitrescu"
keys Tab
keys ctrl+a
typed "02-Feb-1958"
# Past the calendar button, address, postcode, practice, phone, email, language and needs.
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab
typed "Newly arrived, chest pain at night"
shot referral-provisional
keys alt+r
window "^Neighbourhood MDT"
shot provisional-record

# The chair: a second MDT (View > MDT Series), its first meeting, and its agenda.
keys ctrl+5
window "MDT series"
keys Return
window "New MDT Series"
typed "Mental Health MDT"
keys Tab Home  # how often: weekly
keys Tab ctrl+a
typed "10:00"
shot series-new
keys Return
window "^Neighbourhood MDT"
shot meetings
keys alt+n
window "New meeting"
shot new-meeting-which-mdt
keys Return  # the Mental Health MDT, first in the list: planned from its defaults
window "^Neighbourhood MDT"
shot new-meeting
keys alt+b
window "Build agenda"
shot agenda-built
keys Return
window "^Neighbourhood MDT"
shot agenda
keys ctrl+q
sleep 2
