#!/usr/bin/env bash
# Installs what is missing, builds, creates a demo encrypted store on first run, and
# opens the desktop application on it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build/app -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNMDT_BUILD_TESTS=OFF \
      -DNMDT_BUILD_BENCHMARKS=OFF
cmake --build build/app -j "$(nproc)"

# The demo store holds made-up residents only (test NHS numbers, 999 range).
store="${NMDT_DEMO_STORE:-$HOME/.local/share/neighbourhood-mdt/demo.nmdt}"
passphrase="demo passphrase 2026"
mkdir -p "$(dirname "$store")"
if [ ! -f "$store" ]; then
  NMDT_PASSPHRASE="$passphrase" build/app/apps/nmdt-cli demo "$store" --size small
fi
echo
echo "Demo store: $store"
echo "Passphrase: $passphrase"
echo
exec build/app/apps/nmdt/nmdt --store "$store"
