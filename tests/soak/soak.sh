#!/usr/bin/env bash
# Soak test: the tutorial's whole rollout against a real rolloutd on the demo, under
# constant load for DURATION seconds, with random traffic moves, scaling and instance
# kills (SIGKILL) in between; then a report: requests sent, failed (0 allowed except one
# 502 per killed instance), split error, p99 latency, rolloutd's RSS at start and end.
# Exits non-zero when anything is off. Everything runs on 127.0.0.1 in a temporary state
# dir; everything started here is stopped at the end.
#
#   tests/soak/soak.sh [BUILD_DIR]      (default: build)
#   env: DURATION=600 CONNECTIONS=2 SEED=<random> SPLIT_TOLERANCE=3 MAX_RSS_GROWTH_MB=64
#        KEEP=1 keeps the work folder (state, logs, the per-request CSV)
# The demo's deployments keep Azure's defaults (max_concurrent_requests_per_instance 1,
# so a one-instance deployment takes 1 request plus 2 waiting): more than 3 connections
# get 429 by design, as on Azure, whenever all traffic goes to one instance.
#
# Needs the rolloutd, rolloutctl and demo targets built in BUILD_DIR.
set -euo pipefail

cd "$(dirname "$0")/../.."
BUILD=$(cd "${1:-build}" && pwd)
DURATION=${DURATION:-600}
CONNECTIONS=${CONNECTIONS:-2}
SEED=${SEED:-$RANDOM}
RANDOM=$SEED
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
CTL="$BUILD/bin/rolloutctl"
ROLLOUTD="$BUILD/bin/rolloutd"
DEMO="$BUILD/demo"
EP=soak
for needed in "$CTL" "$ROLLOUTD" "$DEMO/blue-deployment.yml"; do
    if [[ ! -e "$needed" ]]; then
        echo "soak: $needed is missing: cmake --build $BUILD --target rolloutd rolloutctl demo" >&2
        exit 2
    fi
done

WORK=$(mktemp -d /tmp/soak.XXXXXX)
export ROLLOUTDESK_STATE_DIR="$WORK/state"
export ROLLOUTDESK_ROLLOUTD="$ROLLOUTD"
STOP="$WORK/stop-load"
PHASES="$WORK/phases.txt"
ANSWERS="$WORK/answers.csv"
HOST_PID=""
LOAD_PID=""
cleanup() {
    touch "$STOP"
    [[ -n "$LOAD_PID" ]] && { wait "$LOAD_PID" 2>/dev/null || true; }
    if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
        kill -TERM "$HOST_PID"
        timeout 60 tail --pid="$HOST_PID" -f /dev/null || kill -9 "$HOST_PID" 2>/dev/null || true
    fi
    if [[ "${KEEP:-0}" == 1 ]]; then echo "soak: work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%T)] $*"; }
ctl() { "$CTL" "$@" -o none; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$HOST_PID/status"; }

# The instances rolloutd records for a deployment: "pid port" lines.
instances() { # deployment
    "$PY" - "$ROLLOUTDESK_STATE_DIR/state.json" "$EP" "$1" <<'PYEOF'
import json, sys
state = json.load(open(sys.argv[1]))
deployment = state["endpoints"].get(sys.argv[2], {}).get("deployments", {}).get(sys.argv[3], {})
for i in deployment.get("instances", []):
    print(i["pid"], i["port"])
PYEOF
}
ready() { # port: the instance answers its readiness probe
    "$PY" -c 'import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=2).status == 200 else 1)
except Exception:
    sys.exit(1)' "$1"
}
all_ready() { # deployment count: `count` instances recorded, each ready
    local lines
    lines=$(instances "$1")
    [[ $(grep -c . <<<"$lines") -eq $2 ]] || return 1
    local pid port
    while read -r pid port; do ready "$port" || return 1; done <<<"$lines"
}
wait_ready() { # deployment count
    for _ in $(seq 150); do
        all_ready "$1" "$2" && return 0
        sleep 0.2
    done
    echo "soak: deployment $1 did not get $2 ready instance(s) in 30 s" >&2
    return 1
}

declare -A COUNT=([blue]=1)
BLUE=100
GREEN=0
KILLS=0
traffic() { # blue green
    ctl online-endpoint update --name "$EP" --traffic "blue=$1 green=$2"
    BLUE=$1
    GREEN=$2
    echo "$(date +%s.%N) blue=$1 green=$2" >>"$PHASES"
    log "traffic blue=$1 green=$2"
}
scale() { # deployment count
    ctl online-deployment update --name "$1" --endpoint-name "$EP" --set "instance_count=$2"
    COUNT[$1]=$2
    log "scaled $1 to $2 instance(s)"
}
kill_one() { # deployment: SIGKILL one of its two instances, wait until it is back
    local victim
    victim=$(instances "$1" | sed -n "$((1 + RANDOM % 2))p" | cut -d' ' -f1)
    kill -9 "$victim"
    KILLS=$((KILLS + 1))
    log "killed instance pid $victim of $1"
    sleep 1
    wait_ready "$1" 2
    # Ready on its port; the host routes to it after its next readiness poll (< 1 s).
    sleep 2
}

log "rolloutd $ROLLOUTD, state $ROLLOUTDESK_STATE_DIR, duration ${DURATION} s, seed $SEED"
"$ROLLOUTD" --state-dir "$ROLLOUTDESK_STATE_DIR" >"$WORK/rolloutd.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 200); do
    [[ -f "$ROLLOUTDESK_STATE_DIR/rolloutd.json" ]] && break
    sleep 0.1
done

# The tutorial, as in the README; the load starts once blue serves.
ctl online-endpoint create --name "$EP" -f "$DEMO/endpoint.yml"
ctl online-deployment create --name blue --endpoint-name "$EP" -f "$DEMO/blue-deployment.yml" --all-traffic
"$CTL" online-endpoint invoke --name "$EP" --request-file "$DEMO/sample-request.json"
echo
echo "$(date +%s.%N) blue=100" >"$PHASES"
KEY=$("$CTL" online-endpoint get-credentials -n "$EP" -o tsv --query primaryKey)
URI=$("$CTL" online-endpoint show -n "$EP" -o tsv --query scoring_uri)
"$PY" "$HERE/soakload.py" load "$URI" "$KEY" "$DEMO/sample-request.json" "$CONNECTIONS" "$STOP" "$ANSWERS" &
LOAD_PID=$!
START=$(date +%s)
sleep 2
RSS_START=$(rss_kb)
log "load on $URI with $CONNECTIONS connection(s); rolloutd RSS ${RSS_START} kB"

scale blue 2
ctl online-deployment create --name green --endpoint-name "$EP" -f "$DEMO/green-deployment.yml"
COUNT[green]=1
log "green created"
"$CTL" online-endpoint show -n "$EP" --query traffic -o json
"$CTL" online-endpoint invoke --name "$EP" --deployment-name green --request-file "$DEMO/sample-request.json"
echo
ctl online-endpoint update --name "$EP" --mirror-traffic "green=10"
log "mirror green=10"
sleep 3
ctl online-endpoint update --name "$EP" --mirror-traffic "green=0"
log "mirror green=0"
traffic 90 10

# Random moves, scaling and kills until the last 10 s of the duration.
SPLITS=("100 0" "90 10" "75 25" "50 50" "25 75" "10 90" "0 100")
while (($(date +%s) < START + DURATION - 10)); do
    case $((RANDOM % 3)) in
    0) traffic ${SPLITS[$((RANDOM % ${#SPLITS[@]}))]} ;;
    1)
        d=$([[ $((RANDOM % 2)) -eq 0 ]] && echo blue || echo green)
        scale "$d" $((3 - COUNT[$d]))
        ;;
    2)
        d=$([[ $((RANDOM % 2)) -eq 0 ]] && echo blue || echo green)
        [[ ${COUNT[$d]} -eq 2 ]] || scale "$d" 2
        wait_ready "$d" 2
        sleep 2
        kill_one "$d"
        ;;
    esac
    sleep $((2 + RANDOM % 3))
done

# The end of the tutorial: all traffic to green, blue deleted, under load to the last.
traffic 0 100
ctl online-deployment delete --name blue --endpoint "$EP" --yes
log "blue deleted"
echo "$(date +%s.%N) green=100" >>"$PHASES"
sleep 3
touch "$STOP"
wait "$LOAD_PID"
LOAD_PID=""
RSS_END=$(rss_kb)
ctl online-endpoint delete --name "$EP" --yes
log "endpoint deleted; $(($(date +%s) - START)) s under load"

"$PY" "$HERE/soakload.py" report "$ANSWERS" "$PHASES" "$KILLS" "$RSS_START" "$RSS_END"
