#!/usr/bin/env bash
# The desktop app's Monitor tab under wrk load (tests/bench/ui_bench.cpp): a real rolloutd
# with the demo at 90/10, the real main window, wrk as fast as it goes; prints the GUI
# thread's timer lateness (p50/p99/max), chart repaints per second, the request rate (wrk
# and the host's metrics) and PASS/FAIL against p99 < 50 ms and >= 5 repaints/s.
#
#   tests/bench/ui_bench.sh [BUILD_DIR] [ui_bench options]    (default: build)
#   env: RUNS=1 PLATFORM=xvfb|offscreen (default xvfb when xvfb-run exists)
#   e.g. RUNS=3 tests/bench/ui_bench.sh build --duration 20 --connections 32
#
# Needs the ui_bench target built in BUILD_DIR (it builds rolloutd and the demo too).
# Installs wrk with apt-get when it is missing (as root). Exit 1 when a run fails.
set -euo pipefail

cd "$(dirname "$0")/../.."
BUILD=${1:-build}
shift || true
RUNS=${RUNS:-1}
BENCH="$BUILD/tests/bench/ui_bench"
if [[ ! -x "$BENCH" ]]; then
    echo "ui_bench: $BENCH is missing: cmake --build $BUILD --target ui_bench" >&2
    exit 2
fi
if ! command -v wrk >/dev/null; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "ui_bench: install wrk (apt-get, as root) first" >&2
        exit 2
    fi
    echo "== installing wrk"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [[ -z "${PLATFORM:-}" ]]; then
    PLATFORM=offscreen
    command -v xvfb-run >/dev/null && PLATFORM=xvfb
fi

status=0
for ((i = 1; i <= RUNS; i++)); do
    echo "-- run $i of $RUNS ($PLATFORM, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
    if [[ "$PLATFORM" == xvfb ]]; then
        timeout 600 xvfb-run -a -s "-screen 0 1600x1000x24" "$BENCH" "$@" || status=1
    else
        QT_QPA_PLATFORM=offscreen timeout 600 "$BENCH" "$@" || status=1
    fi
done
exit $status
