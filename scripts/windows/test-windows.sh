#!/usr/bin/env bash
# The Windows suite, run by scripts/run-tests.sh after the Linux one: builds the release and
# the Windows test programs (scripts/build-windows.sh --tests), then under Wine, in a Wine
# prefix of its own (never the developer's):
#   1. every non-GUI suite and the desktop smoke test (ctest; the desktop in a real window
#      under Xvfb), the smoke test's care plan PDF read back with pdftotext;
#   2. a Windows desktop and a Linux desktop in one team: nmdt-cli.exe under Wine syncs
#      with a Linux nmdt-hub on loopback, both ways (a case of the Linux sync suite, given
#      the .exe; needs the Linux build, scripts/run-tests.sh makes it first);
#   3. the MSI installs silently, the installed nmdt-cli.exe runs, the Start menu entry and
#      the .nmdt association are there, and uninstalling removes the program but leaves a
#      user's store where it was.
# Screenshots and the PDF are kept in build/windows/test-artifacts.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Wine runs the Windows programs; the rest (Xvfb, pdftotext) comes with scripts/setup.sh.
missing=()
for p in wine wine64; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

scripts/build-windows.sh --tests
build="${NMDT_WINDOWS_BUILD:-build/windows}"
wine_home="$(mktemp -d /tmp/nmdt-wine.XXXXXX)"
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$wine_home"' EXIT
export WINEPREFIX="$wine_home/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wineboot -i >/dev/null 2>&1
# Nothing of Wine's may outlive the boot: a desktop process started without a display would
# leave later windows with no display driver.
wineserver -k >/dev/null 2>&1 || true

status=0
echo "== Windows test suite (under Wine) =="
rm -rf "$build/test-artifacts"
# A test that failed runs once more: with many programs starting at once Wine has failed a
# test's start of a child process (a program that passes and never exits is ended by
# scripts/windows/wine-test.sh, ctest's emulator); a real failure fails twice. Every second run is named
# below, so a test that needs one often is seen.
ctest_log="$(mktemp /tmp/nmdt-wine-ctest.XXXXXX)"
xvfb-run -a -s "-screen 0 1600x1200x24" \
  ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --repeat until-pass:2 \
  2>&1 | tee "$ctest_log" || status=$?
if retried="$(grep -E '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .*\*\*\*' "$ctest_log")"; then
  echo "== Windows tests that failed their first run under Wine (run once more; see the summary) =="
  echo "$retried"
fi
rm -f "$ctest_log"

echo "== Windows desktop: the care plan PDF it saved =="
pdf="$build/test-artifacts/desktop-smoke.pdf"
# Names are printed inside invisible direction isolates; read without them.
pdf_text() {
  pdftotext "$1" - | sed -e $'s/\u2066//g' -e $'s/\u2068//g' -e $'s/\u2069//g' -e $'s/\u200e//g'
}
if [ -f "$pdf" ] && pdf_text "$pdf" | grep -q "Żółtowska, Łucja" &&
   pdf_text "$pdf" | grep -q "Personalised care and support plan"; then
  echo "ok: $pdf reads back with the resident's name and the plan's title"
else
  echo "FAILED: $pdf is missing or does not read back" >&2
  status=1
fi

echo "== Windows and Linux desktops in one team, through a Linux hub =="
linux_tests="${NMDT_LINUX_BUILD:-build/tests}/tests/nmdt_sync_tests"
if [ -x "$linux_tests" ]; then
  NMDT_WINDOWS_CLI="$PWD/$build/apps/nmdt-cli.exe" "$linux_tests" \
    --run_test=sync_cli/a_windows_desktop_and_a_linux_desktop_sync_through_a_linux_hub ||
    status=$?
else
  echo "FAILED: no Linux build at $linux_tests (run scripts/run-tests.sh)" >&2
  status=1
fi

echo "== Windows installer under Wine =="
msi="$(ls -t dist/NeighbourhoodMDT-*-x64.msi | head -1)"
program_files="$WINEPREFIX/drive_c/Program Files/Neighbourhood MDT"
# Not under the user's Documents: Wine links that to the Unix home folder, outside the prefix.
store_dir="$WINEPREFIX/drive_c/Practice stores"
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}" >/dev/null 2>&1; then echo "ok: $1"; else echo "FAILED: $1" >&2; status=1; fi
}
msiexec() {  # msiexec ARGS...: waits for the installation to finish
  # (not "wineserver -w": a console host left by an earlier test can keep the server up)
  wine start /wait msiexec "$@"
}
check "msiexec /i $msi /qn installs" msiexec /i "$msi" /qn
check "nmdt.exe, nmdt-cli.exe installed" test -f "$program_files/nmdt.exe" -a \
  -f "$program_files/nmdt-cli.exe"
check "the hub is not installed unless asked for" test ! -e "$program_files/nmdt-hub.exe"
# (Wine puts an all-users shortcut in the user's own Start menu folder.)
start_menu_entry() { find "$WINEPREFIX/drive_c" -name "Neighbourhood MDT.lnk" | grep -q .; }
check "Start menu entry" start_menu_entry
check ".nmdt opens with nmdt.exe" sh -c \
  "wine reg query 'HKLM\\Software\\Classes\\NeighbourhoodMDT.Store\\shell\\open\\command' | grep -q nmdt.exe"
mkdir -p "$store_dir"
check "the installed nmdt-cli.exe makes a store" env NMDT_PASSPHRASE="Clé d’accès — żółw 2026" \
  wine "$program_files/nmdt-cli.exe" create 'C:\Practice stores\Ærø surgery.nmdt'
check "msiexec /x removes it" msiexec /x "$msi" /qn
check "the programs are gone" test ! -e "$program_files/nmdt.exe"
check "the Start menu entry is gone" sh -c "! find '$WINEPREFIX/drive_c' -name 'Neighbourhood MDT.lnk' | grep -q ."
check "the user's store is still there" test -s "$store_dir/Ærø surgery.nmdt"
service='HKLM\System\CurrentControlSet\Services\NeighbourhoodMDTHub'
check "ADDLOCAL=Desktop,Hub installs the hub" msiexec /i "$msi" /qn ADDLOCAL=Desktop,Hub
check "the hub is a service, started by hand, as LocalService" sh -c \
  "wine reg query '$service' | grep -q LocalService && wine reg query '$service' | grep -q 'Start.*0x3'"
check "its configuration example is beside it" test -f "$program_files/nmdt-hub.properties.example"
check "removing it removes the service" msiexec /x "$msi" /qn
check "the service is gone" sh -c "! wine reg query '$service' >/dev/null 2>&1"
exit $status
