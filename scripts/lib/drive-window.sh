# Helpers for driving a real window on an X display with the keyboard (xdotool) and
# screenshotting it (ImageMagick), shared by scripts/walkthrough.sh and
# scripts/windows/walkthrough.sh. Source it after setting $out (the screenshot folder) and,
# optionally, $settle (seconds to wait before each screenshot and after each key).
settle="${settle:-0.6}"
step=0
shot() {  # shot NAME: what the screen shows now
  sleep "$settle"
  step=$((step + 1))
  import -window root "$out/$(printf '%02d' $step)-$1.png"
  echo "  $(printf '%02d' $step)-$1.png"
}
keys() { xdotool key --clearmodifiers --delay 80 "$@"; sleep "$settle"; }
typed() { xdotool type --delay 35 -- "$1"; sleep "$settle"; }
window() {  # window TITLE: wait for it and give it the keyboard
  local id=""
  for _ in $(seq 1 80); do
    id="$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -1 || true)"
    [ -n "$id" ] && break
    sleep 0.5
  done
  [ -n "$id" ] || { echo "walkthrough: no window '$1'" >&2; shot missing; exit 1; }
  xdotool windowactivate --sync "$id" 2>/dev/null || xdotool windowfocus --sync "$id" || true
  sleep "$settle"
}
unlock_as_chair() {  # unlock_as_chair PASSPHRASE [migrates]: sign in as the chair from the sign-in window
  typed "Dr Amina Rahman"  # the name field has the keyboard when no one signed in before
  keys Tab
  typed "$1"
  shot sign-in
  keys Return
  if [ "${2:-}" = migrates ]; then
    # A store made with one passphrase: this first sign-in gives everyone in it a key slot
    # and shows the store's new recovery key once.
    window "Recovery key"
    shot recovery-key
    keys Return
  fi
  window "Neighbourhood MDT"
}
start_display() {  # start_display: a fresh Xvfb on a random display; sets $xvfb_pid, exports DISPLAY
  local display=":$((90 + RANDOM % 100))"
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp &
  xvfb_pid=$!
  export DISPLAY="$display" GDK_BACKEND=x11 NO_AT_BRIDGE=1
  sleep 1
}
