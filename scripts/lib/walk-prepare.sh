# shellcheck shell=bash
# The start both Linux walkthroughs share (scripts/walkthrough.sh and
# scripts/walkthrough-first-day.sh). Source it from the repository's root.
# prepare_walk BUILD_DIR OUT_DIR: installs what the walk needs, builds the application in
# BUILD_DIR when it has none, empties OUT_DIR of screenshots, and gives the walk a home of
# its own (it never touches the user's settings or stores); sets $build, $out and $work.
prepare_walk() {
  scripts/setup.sh --walkthrough
  build="$1"
  out="$2"
  if [ ! -x "$build/apps/nmdt/nmdt" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNMDT_BUILD_TESTS=OFF \
          -DNMDT_BUILD_BENCHMARKS=OFF
    cmake --build "$build" -j "$(nproc)"
  fi
  mkdir -p "$out"
  rm -f "$out"/*.png
  work="$(mktemp -d)"
  export HOME="$work"
}

# start_walk STORE: a fresh Xvfb, the application on STORE, and both stopped (and the walk's
# home removed) when the script ends; sets $app. Drive it with scripts/lib/drive-window.sh.
start_walk() {
  settle="${settle:-0.7}"
  # shellcheck source=drive-window.sh
  . scripts/lib/drive-window.sh
  start_display
  "$build/apps/nmdt/nmdt" --store "$1" &
  app=$!
  trap 'kill $app $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
}
