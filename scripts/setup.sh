#!/usr/bin/env bash
# Installs every Debian package that building, running and testing Neighbourhood MDT
# needs. Idempotent and non-interactive; does nothing when all are already present.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # a compiler cache outside the work tree (cmake/CompilerCache.cmake)
  ccache
  # the stack
  libwxgtk3.2-dev libsqlitecpp-dev libsqlcipher-dev libpoco-dev libboost-test-dev
  libcairo2-dev
  # benchmarks
  libbenchmark-dev
  # tests: a headless X server, PDF text extraction, certificates, fonts for non-Latin names
  xvfb xauth poppler-utils openssl fonts-dejavu-core
  # sync benchmarks: the raw-transfer floor; query plans on a store (docs/performance.md)
  curl sqlcipher
  # the hub's PostgreSQL log (libpq), and a server the tests start for themselves
  libpq-dev postgresql-15
)

# The walkthrough (scripts/walkthrough.sh) drives the real window and takes screenshots.
if [ "${1:-}" = "--walkthrough" ]; then
  packages+=(xdotool imagemagick)
fi

# The FHIR validators the tests run (tests/fhir) need Node.js and npm. Machines that
# already have them (Node.js 20.19 or later) keep their own; otherwise Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
else
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

# The validators themselves, exactly as package-lock.json pins them.
validators="$(dirname "$0")/../tests/fhir"
if [ ! -f "$validators/node_modules/.package-lock.json" ] ||
   [ "$validators/package-lock.json" -nt "$validators/node_modules/.package-lock.json" ]; then
  echo "setup: installing the FHIR validators (npm ci in tests/fhir)"
  (cd "$validators" && npm ci --no-audit --no-fund --loglevel=error)
fi
