# A practice demo store, an empty VCFSE store, their trial certificates and a real nmdt-hub
# on a random loopback port, in the current folder; shared by scripts/hub-walkthrough.sh and
# scripts/sync-walkthrough.sh. Source it with $root, $cli and $hub set and a fail function
# defined; extra hub settings (key=value lines) may be passed as the first argument.
# Sets $port and $hub_pid (the caller stops the hub).
start_trial_hub() {
  local here
  here="$(pwd)"
  "$cli" demo practice.nmdt --size small >/dev/null 2>&1
  "$cli" create vcfse.nmdt >/dev/null
  local orgs practice_org vcfse_org
  orgs=$("$cli" organisations practice.nmdt)
  practice_org=$(echo "$orgs" | awk '/Riverside Surgery/ {print $1}')
  vcfse_org=$(echo "$orgs" | awk '/Age Well Together/ {print $1}')
  "$root/scripts/make-trial-certs.sh" pki localhost "practice:$practice_org" "vcfse:$vcfse_org" >/dev/null
  port=$((20000 + RANDOM % 20000))
  cat > hub.properties <<CONF
hub.host=127.0.0.1
hub.port=$port
hub.certificate=$here/pki/hub.pem
hub.privateKey=$here/pki/hub.key
hub.ca=$here/pki/ca.pem
hub.dataDirectory=$here/hub-data
${1:-}
CONF
  "$hub" --config="$here/hub.properties" > hub.out 2>&1 &
  hub_pid=$!
  for _ in $(seq 50); do grep -q listening hub.out && break; sleep 0.1; done
  grep -q listening hub.out || { cat hub.out; fail "the hub did not start"; }
}
