#!/usr/bin/env bash
# Two desktops and a hub on this machine: installs what is missing, builds, makes trial
# certificates, starts nmdt-hub on localhost:8443, creates a practice desktop with the demo
# neighbourhood (the chair's) and an empty VCFSE desktop (the navigator's) that joins the
# team by invitation, syncs both, and opens both windows. F5 syncs (and every 5 minutes).
# Everything lives in $NMDT_TRIAL_DIR (default ~/.local/share/neighbourhood-mdt/trial);
# delete it to start again. The hub stops when this script ends (close both windows).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/setup.sh
cmake -S . -B build/app -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNMDT_BUILD_TESTS=OFF \
      -DNMDT_BUILD_BENCHMARKS=OFF
cmake --build build/app -j "$(nproc)"
bin="$root/build/app/apps"

dir="${NMDT_TRIAL_DIR:-$HOME/.local/share/neighbourhood-mdt/trial}"
mkdir -p "$dir"
cd "$dir"
export NMDT_PASSPHRASE="demo passphrase 2026"

if [ ! -f practice.nmdt ]; then
  "$bin/nmdt-cli" demo practice.nmdt --size small
  "$bin/nmdt-cli" create vcfse.nmdt
  # The practice desktop belongs to Riverside Surgery, the other to Age Well Together.
  orgs=$("$bin/nmdt-cli" organisations practice.nmdt)
  practice_org=$(echo "$orgs" | awk '/Riverside Surgery/ {print $1}')
  vcfse_org=$(echo "$orgs" | awk '/Age Well Together/ {print $1}')
  "$root/scripts/make-trial-certs.sh" pki localhost "practice:$practice_org" "vcfse:$vcfse_org"
  cat > hub.properties <<CONF
hub.host=127.0.0.1
hub.port=${NMDT_TRIAL_PORT:-8443}
hub.certificate=$dir/pki/hub.pem
hub.privateKey=$dir/pki/hub.key
hub.ca=$dir/pki/ca.pem
hub.dataDirectory=$dir/hub-data
CONF
fi
port=$(awk -F= '/hub.port/ {print $2}' hub.properties)

"$bin/nmdt-hub" --config="$dir/hub.properties" > hub.log 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening hub.log && break; sleep 0.1; done
grep -q listening hub.log || { cat hub.log; exit 1; }

if ! "$bin/nmdt-cli" sync-status practice.nmdt | grep -q "^Team: northvale"; then
  "$bin/nmdt-cli" sync-start-team practice.nmdt --hub "https://localhost:$port" --team northvale \
    --cert pki/practice.pem --key pki/practice.key --ca pki/ca.pem
  code=$("$bin/nmdt-cli" sync-invite practice.nmdt --to invitation.json | tail -1 | tr -d ' ')
  "$bin/nmdt-cli" sync-join vcfse.nmdt --invitation invitation.json --code "$code" \
    --cert pki/vcfse.pem --key pki/vcfse.key --ca pki/ca.pem
fi
"$bin/nmdt-cli" sync practice.nmdt
"$bin/nmdt-cli" sync vcfse.nmdt

cat <<TEXT

Hub:       https://localhost:$port (log: $dir/hub.log)
Desktops:  $dir/practice.nmdt (sign in as the chair, Dr Amina Rahman)
           $dir/vcfse.nmdt    (sign in as a navigator of Age Well Together)
Passphrase for both: $NMDT_PASSPHRASE
Record a meeting outcome with an action for Age Well on the practice desktop, press F5 there
and then on the VCFSE desktop; update the action there, F5, and F5 on the practice desktop.
TEXT
"$bin/nmdt/nmdt" --store "$dir/practice.nmdt" &
"$bin/nmdt/nmdt" --store "$dir/vcfse.nmdt" &
wait %2 %3 2>/dev/null || wait
