#!/usr/bin/env bash
# The scoring gateway against nginx and HAProxy, in one go, on this machine:
#   ours    rolloutd with two local_command deployments (fastupstream) at 90/10,
#           keys checked and metrics recorded as in normal use
#   nginx   Debian's nginx-light, split_clients 90/10 over two kept-alive upstreams
#   haproxy Debian's haproxy, roundrobin with weights 90/10, http-reuse always
# All three in front of the same kind of upstream (tests/bench/fastupstream.cpp), under the
# same wrk load (64 connections, POST of the demo sample-request.json), runs alternated.
# Everything listens on 127.0.0.1 only; everything started here is stopped at the end.
#
#   tests/bench/gateway_bench.sh [BUILD_DIR]      (default: build)
#   env: RUNS=3 DURATION=10 CONNECTIONS=64 THREADS=2
#
# Needs the rolloutd and fastupstream targets built in BUILD_DIR. Installs nginx-light,
# haproxy and wrk with apt-get when they are missing (as root).
set -euo pipefail

cd "$(dirname "$0")/../.."
BUILD=${1:-build}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

ROLLOUTD="$BUILD/bin/rolloutd"
UPSTREAM="$(cd "$BUILD/bin" 2>/dev/null && pwd)/fastupstream"
for program in "$ROLLOUTD" "$UPSTREAM"; do
    if [[ ! -x "$program" ]]; then
        echo "gateway_bench: $program is missing: cmake --build $BUILD --target rolloutd fastupstream" >&2
        exit 2
    fi
done

missing=()
command -v wrk >/dev/null || missing+=(wrk)
[[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
[[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "gateway_bench: install ${missing[*]} (apt-get, as root) first" >&2
        exit 2
    fi
    echo "== installing ${missing[*]}"
    apt-get update -qq
    # The packages' own services must not start: this script runs its own instances.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || true
    rm -f /usr/sbin/policy-rc.d
fi

WORK=$(mktemp -d /tmp/gateway-bench.XXXXXX)
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        timeout 20 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_port() { # port
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "gateway_bench: nothing listens on 127.0.0.1:$1" >&2
    exit 1
}

BODY_FILE="$BUILD/demo/sample-request.json"
if [[ ! -f "$BODY_FILE" ]]; then
    BODY_FILE="$WORK/sample-request.json"
    printf '{"data": [[1,2,3,4,5,6,7,8,9,10],[10,9,8,7,6,5,4,3,2,1]]}' > "$BODY_FILE"
fi

# ---- upstreams for nginx and HAProxy
BLUE_PORT=$(free_port)
GREEN_PORT=$(free_port)
"$UPSTREAM" --port "$BLUE_PORT" 2>/dev/null & PIDS+=($!)
"$UPSTREAM" --port "$GREEN_PORT" 2>/dev/null & PIDS+=($!)
wait_port "$BLUE_PORT"
wait_port "$GREEN_PORT"

# ---- nginx
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    upstream blue { server 127.0.0.1:$BLUE_PORT; keepalive 128; }
    upstream green { server 127.0.0.1:$GREEN_PORT; keepalive 128; }
    split_clients "\${request_id}" \$pool { 90% blue; * green; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location /score {
            proxy_pass http://\$pool;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
/usr/sbin/nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' & PIDS+=($!)
wait_port "$NGINX_PORT"

# ---- HAProxy
HAPROXY_PORT=$(free_port)
cat > "$WORK/haproxy.cfg" <<EOF
global
    maxconn 4096
    nbthread $(nproc)
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    http-reuse always
frontend score
    bind 127.0.0.1:$HAPROXY_PORT
    default_backend models
backend models
    balance roundrobin
    server blue 127.0.0.1:$BLUE_PORT weight 90
    server green 127.0.0.1:$GREEN_PORT weight 10
EOF
/usr/sbin/haproxy -f "$WORK/haproxy.cfg" -db >/dev/null 2>&1 & PIDS+=($!)
wait_port "$HAPROXY_PORT"

# ---- rolloutd: an endpoint with blue and green (fastupstream) at 90/10
"$ROLLOUTD" --state-dir "$WORK/state" >"$WORK/rolloutd.log" 2>&1 & PIDS+=($!)
for _ in $(seq 100); do
    [[ -f "$WORK/state/rolloutd.json" ]] && break
    sleep 0.1
done
CONTROL=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["control_url"])' "$WORK/state/rolloutd.json")
TOKEN_FILE=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token_file"])' "$WORK/state/rolloutd.json")
TOKEN=$(head -n1 "$TOKEN_FILE")
WS="$CONTROL/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.MachineLearningServices/workspaces/local/onlineEndpoints/bench"
API="api-version=2025-12-01"
api() { # method path-suffix [json]
    curl -sS --max-time 30 -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        ${3:+--data "$3"} "$WS$2?$API"
}
json_get() { # python expression on the JSON read from stdin as `j`
    /usr/bin/python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}
wait_succeeded() { # path-suffix
    for _ in $(seq 300); do
        state=$(api GET "$1" | json_get 'j.get("properties",{}).get("provisioningState","")')
        [[ "$state" == Succeeded ]] && return 0
        [[ "$state" == Failed ]] && { echo "gateway_bench: $1 failed; see $WORK/rolloutd.log" >&2; exit 1; }
        sleep 0.2
    done
    echo "gateway_bench: $1 did not become ready" >&2
    exit 1
}
api PUT "" '{"location": "local", "properties": {"authMode": "Key"}}' >/dev/null
wait_succeeded ""
for name in blue green; do
    api PUT "/deployments/$name" "{\"location\": \"local\", \"sku\": {\"name\": \"Default\", \"capacity\": 1},
        \"properties\": {\"endpointComputeType\": \"Managed\", \"localCommand\": [\"$UPSTREAM\"],
        \"requestSettings\": {\"maxConcurrentRequestsPerInstance\": 1024, \"requestTimeout\": \"PT5S\",
        \"maxQueueWait\": \"PT1S\"}}}" >/dev/null
    wait_succeeded "/deployments/$name"
done
api PUT "" '{"location": "local", "properties": {"authMode": "Key", "traffic": {"blue": 90, "green": 10}}}' >/dev/null
KEY=$(api POST /listKeys | json_get 'j["primaryKey"]')
OURS_URI=$(api GET "" | json_get 'j["properties"]["scoringUri"]')
wait_port "$(echo "$OURS_URI" | sed -E 's#http://127.0.0.1:([0-9]+)/.*#\1#')"

# ---- the load
cat > "$WORK/post.lua" <<EOF
local f = io.open("$BODY_FILE", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
EOF

to_ms() { # "1.23ms" | "850.00us" | "1.02s" -> milliseconds
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
        else printf "%s", v }'
}

declare -A RPS P50 P99 ERRORS
run() { # name url
    local out
    out=$(timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
        -s "$WORK/post.lua" "$2")
    local rps p50 p99 bad
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    bad=$(awk '/Non-2xx or 3xx responses:/ {n += $NF}
               /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10}
               END {print n + 0}' <<<"$out")
    printf '   %-8s %10.0f req/s   p50 %7.3f ms   p99 %7.3f ms   errors %s\n' "$1" "$rps" "$p50" "$p99" "${bad:-0}"
    RPS[$1]+="$rps "
    P50[$1]+="$p50 "
    P99[$1]+="$p99 "
    ERRORS[$1]=$(( ${ERRORS[$1]:-0} + ${bad:-0} ))
}

echo "== $RUNS x ${DURATION}s each, $CONNECTIONS connections, wrk -t$THREADS, $(nproc) cores, POST $(wc -c <"$BODY_FILE") bytes"
for ((i = 1; i <= RUNS; i++)); do
    echo "-- run $i"
    run ours "$OURS_URI"
    run nginx "http://127.0.0.1:$NGINX_PORT/score"
    run haproxy "http://127.0.0.1:$HAPROXY_PORT/score"
done

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "== medians"
for name in ours nginx haproxy; do
    printf '   %-8s %10.0f req/s   p50 %7.3f ms   p99 %7.3f ms   errors %s\n' "$name" \
        "$(median "${RPS[$name]}")" "$(median "${P50[$name]}")" "$(median "${P99[$name]}")" "${ERRORS[$name]}"
done
ours_rps=$(median "${RPS[ours]}")
ours_p99=$(median "${P99[ours]}")
for name in nginx haproxy; do
    awk -v a="$ours_rps" -v b="$(median "${RPS[$name]}")" -v c="$ours_p99" -v d="$(median "${P99[$name]}")" -v n="$name" \
        'BEGIN { printf "   ours / %-8s throughput %.2f x   p99 %.2f x\n", n, a / b, c / d }'
done
# What the gateway itself counted (metrics feed of the control API).
api GET "/metrics" | json_get '"== rolloutd metrics: %d requests counted (blue %d, green %d)" % (sum(b["requests"] for b in j["buckets"]), sum(b["requests"] for b in j["buckets"] if b["deployment"]=="blue"), sum(b["requests"] for b in j["buckets"] if b["deployment"]=="green"))'
