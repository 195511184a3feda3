#!/usr/bin/env bash
# Builds the Windows release on Debian: the third-party libraries from Debian's source
# packages (cached outside the work tree, see scripts/windows/build-deps.sh), the three
# programs as static .exe files with MinGW-w64, and the installer:
#   dist/NeighbourhoodMDT-<version>-x64.msi   (nmdt.exe, nmdt-cli.exe, nmdt-hub.exe)
#
#   scripts/build-windows.sh            # the release
#   scripts/build-windows.sh --tests    # also the Windows test programs (run by
#                                       # scripts/windows/test-windows.sh under Wine)
set -euo pipefail
cd "$(dirname "$0")/.."

tests=OFF
[ "${1:-}" = "--tests" ] && tests=ON

for p in wixl msitools; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if [ -n "${missing[*]:-}" ]; then
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

prefix="$(scripts/windows/build-deps.sh | tail -1)"
build="${NMDT_WINDOWS_BUILD:-build/windows}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/mingw-w64-x86_64.cmake" -DNMDT_WINDOWS_PREFIX="$prefix" \
  -DCMAKE_PREFIX_PATH="$prefix;$prefix/cmake" -DOPENSSL_ROOT_DIR="$prefix" \
  -DNMDT_BUILD_TESTS="$tests" -DNMDT_BUILD_BENCHMARKS=OFF -DNMDT_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)"

version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
stage="$build/msi-stage"
rm -rf "$stage"
mkdir -p "$stage" dist
for exe in nmdt/nmdt nmdt-cli nmdt-hub; do
  x86_64-w64-mingw32-strip -o "$stage/$(basename "$exe").exe" "$build/apps/$exe.exe"
done
msi="dist/NeighbourhoodMDT-$version-x64.msi"
# wixl reads sources by paths relative to where it runs (absolute ones it refuses).
wixl -a x64 -D Version="$version" -D Bin="$stage" -D Resources=resources \
  -o "$msi" resources/windows/nmdt.wxs
echo "build-windows: $msi"
