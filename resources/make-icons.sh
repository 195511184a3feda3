#!/usr/bin/env bash
# Makes the icon's PNG sizes and the Windows .ico from icons/nmdt.svg (ImageMagick with its
# SVG reader). The outputs are kept in the repository, so building never needs ImageMagick;
# run this after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/icons"
sizes=(16 24 32 48 64 128 256)
for s in "${sizes[@]}"; do
  convert -background none -density 384 nmdt.svg -resize "${s}x${s}" "nmdt-${s}.png"
done
convert nmdt-16.png nmdt-24.png nmdt-32.png nmdt-48.png nmdt-64.png nmdt-128.png \
  nmdt-256.png nmdt.ico
