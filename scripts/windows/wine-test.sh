#!/usr/bin/env bash
# ctest's emulator for the Windows test programs: runs one under Wine and, when it has printed
# Boost.Test's last line but does not exit, ends it and reports what that line said.
#
# Why: under Wine a test program now and then finishes ("*** No errors detected") and never
# exits; waiting for ctest's limit cost minutes a time and, when the second run hung too, a red
# CI run for a suite that had passed twice. The program writes to a file, not to ctest's pipe,
# so nothing Wine starts beside it (and that inherits its handles) can hold ctest waiting.
set -uo pipefail

grace_seconds="${NMDT_WINE_EXIT_GRACE:-20}"
summary='^\*\*\* (No errors detected|[0-9]+ failures? (is|are) detected)'

log="$(mktemp /tmp/nmdt-wine-test.XXXXXX)"
printed=0
# Copies what the program has written since the last call to ctest's output.
print_new_output() {
  local size
  size=$(stat -c %s "$log" 2>/dev/null || echo "$printed")
  if [ "$size" -gt "$printed" ]; then
    tail -c +"$((printed + 1))" "$log" | head -c "$((size - printed))"
    printed=$size
  fi
}

wine "$@" >"$log" 2>&1 </dev/null &
program=$!
trap 'kill -KILL "$program" 2>/dev/null; print_new_output; rm -f "$log"; exit 143' TERM INT

summary_seen_at=""
status=""
while :; do
  if ! kill -0 "$program" 2>/dev/null; then
    wait "$program"
    status=$?
    break
  fi
  if [ -z "$summary_seen_at" ] && grep -Eq "$summary" "$log"; then
    summary_seen_at=$SECONDS
  fi
  if [ -n "$summary_seen_at" ] && [ $((SECONDS - summary_seen_at)) -ge "$grace_seconds" ]; then
    kill -KILL "$program" 2>/dev/null
    wait "$program" 2>/dev/null
    if grep -Eq '^\*\*\* No errors detected' "$log"; then status=0; else status=1; fi
    print_new_output
    echo "wine-test.sh: the program printed its summary and had not exited ${grace_seconds} s" \
      "later under Wine; ended it (exit status ${status} from its summary)"
    rm -f "$log"
    exit "$status"
  fi
  print_new_output
  sleep 0.5
done
print_new_output
rm -f "$log"
exit "$status"
