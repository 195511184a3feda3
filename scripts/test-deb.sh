#!/usr/bin/env bash
# Builds the Linux .deb, installs it with dpkg -i, checks that its three programs start and
# its desktop entry and file type are in place, then removes it.
#   scripts/test-deb.sh              # from a release build in build/deb
#   scripts/test-deb.sh BUILD_DIR    # from an existing build (run-tests.sh passes its own)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/deb}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DNMDT_BUILD_TESTS=OFF -DNMDT_BUILD_BENCHMARKS=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)" >/dev/null
rm -f "$build"/neighbourhood-mdt_*.deb
(cd "$build" && cpack -G DEB -D CPACK_PACKAGING_INSTALL_PREFIX=/usr >/dev/null)
deb="$(ls -t "$build"/neighbourhood-mdt_*.deb | head -1)"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
status=0
check() {
  if "${@:2}" >/dev/null 2>&1; then echo "ok: $1"; else echo "FAILED: $1" >&2; status=1; fi
}
check "dpkg -i $(basename "$deb")" "${sudo_cmd[@]}" dpkg -i "$deb"
check "nmdt-cli starts" sh -c '/usr/bin/nmdt-cli --help | grep -q "Usage: nmdt-cli"'
check "nmdt-hub starts" sh -c '/usr/bin/nmdt-hub --help | grep -q config'
check "nmdt starts" sh -c 'xvfb-run -a /usr/bin/nmdt --help 2>&1 | grep -q -- --store'
check "desktop entry" test -f /usr/share/applications/org.neighbourhoodmdt.NeighbourhoodMDT.desktop
check ".nmdt file type" test -f /usr/share/mime/packages/neighbourhood-mdt-store.xml
check "icon" test -f /usr/share/icons/hicolor/256x256/apps/org.neighbourhoodmdt.NeighbourhoodMDT.png
check "dpkg -r" "${sudo_cmd[@]}" dpkg -r neighbourhood-mdt
check "programs removed" test ! -e /usr/bin/nmdt-cli
exit $status
