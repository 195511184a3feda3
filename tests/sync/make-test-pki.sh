#!/usr/bin/env bash
# Makes the sync tests' certificates in DIR (trusted/ and other/), as TestPki does itself on
# Linux, for test programs that cannot run the trial script (the Windows suite under Wine).
set -euo pipefail
dir=$1
script="$(cd "$(dirname "$0")/../.." && pwd)/scripts/make-trial-certs.sh"
rm -rf "$dir"
"$script" "$dir/trusted" localhost site0:org-practice site1:org-vcfse site2:org-council \
  site3:org-practice site4:org-vcfse site5:org-council >/dev/null
"$script" "$dir/other" localhost intruder:org-practice >/dev/null
