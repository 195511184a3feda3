#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the whole test suite
# (GUI tests in a real window under Xvfb), then the Windows suite: the MinGW build, its tests
# and desktop under Wine, and its installer (scripts/windows/test-windows.sh). With CI=true or
# --sanitize it then builds and runs the non-GUI tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=false
[ "${CI:-}" = "true" ] && sanitize=true
[ "${1:-}" = "--sanitize" ] && sanitize=true

scripts/setup.sh

jobs=$(nproc)
cmake -S . -B build/tests -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNMDT_WERROR=ON \
      -DNMDT_BUILD_BENCHMARKS=ON
cmake --build build/tests -j "$jobs"

export GDK_BACKEND=x11 NO_AT_BRIDGE=1
status=0
echo "== Test suite =="
xvfb-run -a -s "-screen 0 1600x1200x24" \
  ctest --test-dir build/tests --output-on-failure -j "$jobs" || status=$?

echo "== Windows suite =="
scripts/windows/test-windows.sh || status=$?

echo "== Linux package =="
scripts/test-deb.sh build/tests || status=$?

if $sanitize; then
  echo "== Test suite under AddressSanitizer + UBSan (every label but gui) =="
  cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNMDT_SANITIZE=ON \
        -DNMDT_WERROR=ON -DNMDT_BUILD_GUI=OFF -DNMDT_BUILD_BENCHMARKS=OFF
  cmake --build build/sanitize -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/sanitize --output-on-failure -j "$jobs" -LE gui || status=$?
fi
exit $status
