#!/bin/sh
# The real app under Xvfb: rolloutdesk starts its own rolloutd on a temporary state folder,
# creates the demo, and its screenshot driver (ui/screenshotter.h) sets 90/10, runs the
# load generator and saves a picture of each tab into BUILD/screenshots.
#   tst_screenshots.sh BUILD_DIR
# Exit 77 (skipped) when xvfb-run is missing.
set -eu
build=$1
app="$build/bin/rolloutdesk"
out="$build/screenshots"

command -v xvfb-run >/dev/null 2>&1 || { echo "SKIP: xvfb-run is not installed (apt-get install xvfb xauth)"; exit 77; }
[ -x "$app" ] || { echo "FAIL: $app is not built"; exit 1; }

state=$(mktemp -d /tmp/rd-screens.XXXXXX)
stop_host() {
    pkill -f -- "--state-dir $state" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        pgrep -f -- "--state-dir $state" >/dev/null 2>&1 || break
        sleep 1
    done
    rm -rf "$state"
}
trap stop_host EXIT
rm -rf "$out"
mkdir -p "$out"

# The app's own host outlives the window on purpose (a user's endpoints keep serving);
# the trap above stops it.
ROLLOUTDESK_SCREENSHOT_DIR="$out" ROLLOUTDESK_DEMO_DIR="$build/demo" LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= \
    timeout 300 xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --demo --state-dir "$state" \
    >"$out/app.log" 2>&1 || { echo "FAIL: the app exited with $?"; cat "$out/app.log"; exit 1; }

count=0
for png in "$out"/*.png; do
    [ -s "$png" ] || continue
    # A real picture, not an empty grab: PNG signature and a size worth the name.
    head -c 8 "$png" | od -An -tx1 | grep -q "89 50 4e 47" || { echo "FAIL: $png is not a PNG"; exit 1; }
    [ "$(wc -c <"$png")" -gt 20000 ] || { echo "FAIL: $png is suspiciously small"; exit 1; }
    count=$((count + 1))
done
for tab in overview traffic test monitor logs; do
    ls "$out"/*-"$tab".png >/dev/null 2>&1 || { echo "FAIL: no picture of the $tab tab"; ls "$out"; exit 1; }
done
grep -q "saved $count pictures" "$out/app.log" || { echo "FAIL: the driver did not finish"; cat "$out/app.log"; exit 1; }
echo "PASS: $count screenshots in $out"
