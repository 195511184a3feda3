#!/usr/bin/env bash
# Installs what is missing, builds, creates a demo encrypted store on first run, and
# opens the desktop application on it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build/app -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNMDT_BUILD_TESTS=OFF \
      -DNMDT_BUILD_BENCHMARKS=OFF
cmake --build build/app -j "$(nproc)"

# The demo store holds made-up residents only (test NHS numbers, 999 range). Each demo
# person signs in with their username and their own published passphrase.
store="${NMDT_DEMO_STORE:-$HOME/.local/share/neighbourhood-mdt/demo.nmdt}"
mkdir -p "$(dirname "$store")"
if [ ! -f "$store" ]; then
  build/app/apps/nmdt-cli demo "$store" --size small --passphrase-per-person
elif [ ! -f "$store.keys" ]; then
  # A demo store made before key slots: its one passphrase, for anyone named in it.
  echo "Sign in as anyone in the demo with: demo passphrase 2026"
fi
echo
echo "Demo store: $store"
echo "Sign in as, for example: Dr Amina Rahman (chair) with 'amina demo passphrase',"
echo "  Gwen Pritchard (navigator) with 'gwen demo passphrase', or"
echo "  Admin Office (administrator) with 'admin demo passphrase'."
echo
exec build/app/apps/nmdt/nmdt --store "$store"
