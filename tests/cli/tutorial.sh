#!/usr/bin/env bash
# The Azure ML safe-rollout tutorial (DESIGN.md §6) as a script, run against a fresh local
# workspace with rolloutctl in place of `az ml`, and its printed values checked.
# Usage: tutorial.sh BIN_DIR SAMPLE_DIR BLUE_ANSWER GREEN_ANSWER (JSON, or @FILE#KEY)
#   SAMPLE_DIR holds endpoint.yml, blue-deployment.yml, green-deployment.yml and
#   sample-request.json; the answers are JSON arrays.
set -euo pipefail
BIN=$1 SAMPLE=$2 BLUE=$3 GREEN=$4
PY=/usr/bin/python3
# An answer given as @FILE#KEY is read from a JSON file (the demo's expected.json).
resolve() {
    case $1 in
    @*) "$PY" -c 'import json,sys; f,k=sys.argv[1][1:].split("#"); print(json.dumps(json.load(open(f))[k]))' "$1" ;;
    *) echo "$1" ;;
    esac
}
BLUE=$(resolve "$BLUE") GREEN=$(resolve "$GREEN")
export ROLLOUTDESK_STATE_DIR=$(mktemp -d)
# The only change to the tutorial: `az ml` is rolloutctl.
az() { [ "$1" = ml ] && shift; "$BIN/rolloutctl" "$@"; }
cleanup() { az ml host stop >/dev/null 2>&1 || true; rm -rf "$ROLLOUTDESK_STATE_DIR"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# same_json ACTUAL EXPECTED: equal JSON values, numbers within 1e-9 relative.
same_json() {
    "$PY" - "$1" "$2" <<'PYEOF' || fail "expected $2, got $1"
import json, math, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
def same(x, y):
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(same(p, q) for p, q in zip(x, y))
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(same(x[k], y[k]) for k in x)
    return x == y
sys.exit(0 if same(a, b) else 1)
PYEOF
}
# invoke prints the answer body as a JSON string, as az ml does.
unstring() { "$PY" -c 'import json,sys; print(json.loads(sys.stdin.read()))'; }

[ -d "$SAMPLE" ] || { echo "SKIP: $SAMPLE is absent (no ../shared beside the checkout)"; exit 77; }
cd "$SAMPLE"
ENDPOINT_NAME=tutorial-$RANDOM

az ml online-endpoint create --name $ENDPOINT_NAME -f endpoint.yml -o none
az ml online-deployment create --name blue --endpoint-name $ENDPOINT_NAME -f blue-deployment.yml --all-traffic -o none
answer=$(az ml online-endpoint invoke --name $ENDPOINT_NAME --request-file sample-request.json | unstring)
same_json "$answer" "$BLUE"
az ml online-deployment update --name blue --endpoint-name $ENDPOINT_NAME --set instance_count=2 -o none
[ "$(az ml online-deployment show -n blue -e $ENDPOINT_NAME -o tsv --query instance_count)" = 2 ] || fail "blue not scaled to 2"
az ml online-deployment create --name green --endpoint-name $ENDPOINT_NAME -f green-deployment.yml -o none
same_json "$(az ml online-endpoint show -n $ENDPOINT_NAME --query traffic)" '{"blue": 100, "green": 0}'
answer=$(az ml online-endpoint invoke --name $ENDPOINT_NAME --deployment-name green --request-file sample-request.json | unstring)
same_json "$answer" "$GREEN"
ENDPOINT_KEY=$(az ml online-endpoint get-credentials -n $ENDPOINT_NAME -o tsv --query primaryKey)
SCORING_URI=$(az ml online-endpoint show -n $ENDPOINT_NAME -o tsv --query scoring_uri)
answer=$(curl -sf -X POST "$SCORING_URI" -H "Authorization: Bearer $ENDPOINT_KEY" \
    -H "Content-Type: application/json" -H "azureml-model-deployment: green" --data @sample-request.json)
same_json "$answer" "$GREEN"
az ml online-endpoint update --name $ENDPOINT_NAME --mirror-traffic "green=10" -o none
same_json "$(az ml online-endpoint show -n $ENDPOINT_NAME --query mirror_traffic)" '{"green": 10}'
az ml online-endpoint update --name $ENDPOINT_NAME --mirror-traffic "green=0" -o none
same_json "$(az ml online-endpoint show -n $ENDPOINT_NAME --query mirror_traffic)" '{}'
az ml online-endpoint update --name $ENDPOINT_NAME --traffic "blue=90 green=10" -o none
same_json "$(az ml online-endpoint show -n $ENDPOINT_NAME --query traffic)" '{"blue": 90, "green": 10}'
az ml online-endpoint update --name $ENDPOINT_NAME --traffic "blue=0 green=100" -o none
same_json "$(az ml online-endpoint show -n $ENDPOINT_NAME --query traffic)" '{"blue": 0, "green": 100}'
az ml online-deployment delete --name blue --endpoint $ENDPOINT_NAME --yes --no-wait
az ml online-endpoint delete --name $ENDPOINT_NAME --yes --no-wait
# The back-to-back --no-wait deletes both go through: the endpoint is gone soon after.
for _ in $(seq 100); do
    [ "$(az ml online-endpoint list -o tsv --query "length([?name=='$ENDPOINT_NAME'])")" = 0 ] && break
    sleep 0.2
done
[ "$(az ml online-endpoint list -o tsv --query "length([?name=='$ENDPOINT_NAME'])")" = 0 ] || fail "endpoint not deleted"
echo "1 passed, 0 failed"
