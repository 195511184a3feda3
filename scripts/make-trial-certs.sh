#!/usr/bin/env bash
# Makes certificates for trying sync on a LAN: a test CA for the neighbourhood, the hub's
# certificate and one per partner desktop. NOT for live patient data: a real deployment
# uses certificates from the lead organisation's PKI, and keeps the CA key offline.
#
# Usage: scripts/make-trial-certs.sh DIR HUB_HOST PARTNER:ORGANISATION_ID [PARTNER:ORGANISATION_ID ...]
#   DIR              where to write them (created; an existing CA there is reused)
#   HUB_HOST         the name partner desktops use to reach the hub (also valid: localhost, 127.0.0.1)
#   PARTNER          a name for the desktop, e.g. riverside-surgery-desk1 (the certificate's CN)
#   ORGANISATION_ID  the organisation's id in Neighbourhood MDT (nmdt-cli organisations STORE);
#                    it goes in the certificate's O, and a desktop may only send changes made by
#                    people of that organisation.
# Writes DIR/ca.pem, DIR/hub.pem + hub.key, DIR/PARTNER.pem + PARTNER.key (keys mode 600).
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
dir=$1; hub_host=$2; shift 2
mkdir -p "$dir"
umask 077
days=825

if [ ! -f "$dir/ca.key" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -subj "/CN=Neighbourhood MDT trial CA/O=trial" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

issue() {  # issue NAME SUBJECT EXTENSIONS
  local name=$1 subject=$2 ext=$3
  openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout "$dir/$name.key" \
    -out "$dir/$name.csr" -subj "$subject" 2>/dev/null
  printf '%b' "$ext" > "$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
    -CAcreateserial -days "$days" -sha256 -extfile "$dir/$name.ext" -out "$dir/$name.pem" 2>/dev/null
  rm -f "$dir/$name.csr" "$dir/$name.ext"
}

san="DNS:localhost,IP:127.0.0.1"
if [[ "$hub_host" =~ ^[0-9.]+$ ]]; then san="$san,IP:$hub_host"; else san="$san,DNS:$hub_host"; fi
issue hub "/CN=$hub_host/O=hub" \
  "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=$san\n"

for partner in "$@"; do
  name=${partner%%:*}; org=${partner#*:}
  if [ -z "$name" ] || [ -z "$org" ] || [ "$name" = "$partner" ]; then
    echo "make-trial-certs: partners are given as NAME:ORGANISATION_ID, not '$partner'" >&2
    exit 2
  fi
  issue "$name" "/CN=$name/O=$org" \
    "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n"
done
chmod 644 "$dir"/*.pem
echo "Certificates in $dir: ca.pem, hub.pem/hub.key, and for each partner NAME.pem/NAME.key"
