#!/usr/bin/env bash
# Installs every Debian package that building, running and testing Neighbourhood MDT
# needs. Idempotent and non-interactive; does nothing when all are already present.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # the stack
  libwxgtk3.2-dev libsqlitecpp-dev libsqlcipher-dev libpoco-dev libboost-test-dev
  libcairo2-dev
  # benchmarks
  libbenchmark-dev
  # tests: a headless X server, PDF text extraction, certificates, fonts for non-Latin names
  xvfb xauth poppler-utils openssl fonts-dejavu-core
  # sync benchmarks: the raw-transfer floor
  curl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
