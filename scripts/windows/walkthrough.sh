#!/usr/bin/env bash
# Drives the Windows desktop (nmdt.exe from scripts/build-windows.sh) under Wine in a real
# window on Xvfb with the keyboard, as a practice receptionist would: unlock a demo store made
# by nmdt-cli.exe, sign in, find a resident by NHS number, save the care plan as a PDF.
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

step=0
shot() {  # shot NAME: what the screen shows now
  sleep 1
  step=$((step + 1))
  import -window root "$out/$(printf '%02d' $step)-$1.png"
  echo "  $(printf '%02d' $step)-$1.png"
}
keys() { xdotool key --clearmodifiers --delay 80 "$@"; sleep 0.7; }
typed() { xdotool type --delay 40 -- "$1"; sleep 0.7; }
window() {  # window TITLE: wait for it and give it the keyboard
  local id=""
  for _ in $(seq 1 80); do
    id="$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -1 || true)"
    [ -n "$id" ] && break
    sleep 0.5
  done
  [ -n "$id" ] || { echo "walkthrough: no window '$1'" >&2; shot missing; exit 1; }
  xdotool windowactivate --sync "$id" 2>/dev/null || xdotool windowfocus --sync "$id" || true
  sleep 0.7
}

echo "Windows walkthrough screenshots in $out:"
window "Unlock Neighbourhood MDT"
shot unlock
typed "$passphrase"
keys Return
window "Sign in"
shot sign-in
keys Down Down Return  # Dr Amina Rahman, the chair (third in the directory)
window "Neighbourhood MDT"
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
keys ctrl+q
sleep 2
