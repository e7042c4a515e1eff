#!/usr/bin/env bash
# rolloutctl's exit codes and messages for usage errors, bad traffic strings and rule
# violations, and that none of them changes anything.
# Usage: errors.sh BIN_DIR DEMO_DIR
set -uo pipefail
BIN=$1 DEMO=$2
export ROLLOUTDESK_STATE_DIR=$(mktemp -d)
ctl() { "$BIN/rolloutctl" "$@"; }
trap 'ctl host stop >/dev/null 2>&1; rm -rf "$ROLLOUTDESK_STATE_DIR"' EXIT
passed=0 failed=0
# expect CODE KEYWORD -- ARGS...: exit code and a word of the message on stderr.
expect() {
    local code=$1 keyword=$2; shift 3
    local err; err=$(ctl "$@" 2>&1 >/dev/null); local rc=$?
    if [ "$rc" = "$code" ] && grep -qiF -- "$keyword" <<<"$err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL: rolloutctl $* -> exit $rc, '$err' (wanted $code, '$keyword')" >&2
    fi
}
ctl online-endpoint create -n errs -f "$DEMO/endpoint.yml" -o none || exit 1
ctl online-deployment create -n blue -e errs -f "$DEMO/blue-deployment.yml" --all-traffic -o none 2>/dev/null || exit 1
ctl online-deployment create -n green -e errs -f "$DEMO/green-deployment.yml" -o none || exit 1
before=$(ctl online-endpoint show -n errs --query "{t:traffic,m:mirror_traffic}" -o json)

expect 2 "unrecognized arguments: --bogus" -- online-endpoint show -n errs --bogus
expect 2 "expected one argument" -- online-endpoint show -n
expect 2 "required: --name" -- online-endpoint show
expect 2 "not a rolloutctl command" -- online-endpoints list
expect 2 "not a command of" -- online-endpoint frobnicate
expect 2 "--output" -- online-endpoint list -o xml
expect 2 "--query" -- online-endpoint list --query "[?name=="
expect 2 "--lines" -- online-deployment get-logs -n blue -e errs --lines zero
expect 1 "whole numbers" -- online-endpoint update -n errs --traffic "blue=90.5 green=9.5"
expect 1 "not ':'" -- online-endpoint update -n errs --traffic "blue:90 green:10"
expect 1 "given twice" -- online-endpoint update -n errs --traffic "blue=50 blue=50"
expect 1 "'x'" -- online-endpoint update -n errs --traffic "blue=90 green=10 x"
expect 1 "negative" -- online-endpoint update -n errs --traffic "blue=100 green=-1"
expect 1 "totals 95" -- online-endpoint update -n errs --traffic "blue=90 green=5"
expect 1 "does not exist" -- online-endpoint update -n errs --traffic "blue=90 pink=10"
expect 1 "at most 50" -- online-endpoint update -n errs --mirror-traffic "green=60"
expect 1 "cannot also receive" -- online-endpoint update -n errs --mirror-traffic "blue=10"
expect 1 "Move its traffic" -- online-deployment delete -n blue -e errs --yes
expect 1 "already exists" -- online-endpoint create -n errs -f "$DEMO/endpoint.yml"
expect 1 "already exists" -- online-deployment create -n blue -e errs -f "$DEMO/blue-deployment.yml"
expect 1 "does not exist" -- online-deployment update -n purple -e errs --set instance_count=2
expect 1 "from 1 to 50" -- online-deployment update -n blue -e errs --set instance_count=0
expect 1 "instance_type" -- online-deployment update -n blue -e errs --set instance_type=Standard_F2s_v2
expect 1 "--yes" -- online-endpoint delete -n errs
expect 1 "not found for this endpoint" -- online-endpoint invoke -n errs -d purple -r "$DEMO/sample-request.json"
expect 1 "Cannot read the request file" -- online-endpoint invoke -n errs -r /nonexistent.json

# --debug shows the HTTP calls, never the secrets.
key=$(ctl online-endpoint get-credentials -n errs -o tsv --query primaryKey)
debug=$(ctl online-endpoint get-credentials -n errs --debug 2>&1 >/dev/null)
token=$(cat "$ROLLOUTDESK_STATE_DIR/token")
if grep -q "DEBUG: POST .*listKeys" <<<"$debug" && ! grep -qF -- "$key" <<<"$debug" && ! grep -qF -- "$token" <<<"$debug"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: --debug output: $debug" >&2
fi
# update -f endpoint.yml without a traffic section keeps the traffic.
ctl online-endpoint update -n errs -f "$DEMO/endpoint.yml" -o none
expect_same() { if [ "$1" = "$2" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $3: '$1' != '$2'" >&2; fi; }
expect_same "$(ctl online-endpoint show -n errs -o tsv --query traffic.blue)" 100 "update -f kept the traffic"
# The host is found (and was started on demand).
expect_same "$(ctl host status -o tsv --query running)" true "host status"

after=$(ctl online-endpoint show -n errs --query "{t:traffic,m:mirror_traffic}" -o json)
if [ "$before" = "$after" ] && [ "$(ctl online-deployment list -e errs -o tsv --query 'length(@)')" = 2 ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: state changed: $before -> $after" >&2
fi
# A failed deployment: exit 1 with the server's message and the log tail.
work=$(mktemp -d)
mkdir -p "$work/code" "$work/model"
printf 'def init():\n    raise ValueError("weights file truncated")\n\ndef run(raw):\n    return raw\n' > "$work/code/score.py"
printf 'name: broken\nendpoint_name: errs\nmodel:\n  path: ./model\ncode_configuration:\n  code: ./code\n  scoring_script: score.py\nenvironment:\n  image: python:3.11\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n' > "$work/broken.yml"
expect 1 "weights file truncated" -- online-deployment create -f "$work/broken.yml"
expect 1 "Traceback" -- online-deployment update -n broken -e errs -f "$work/broken.yml"
rm -rf "$work"
# invoke exits non-zero on a non-2xx answer: no deployment has traffic.
ctl online-endpoint update -n errs --traffic "blue=0 green=0" -o none
expect 1 "No valid deployments" -- online-endpoint invoke -n errs -r "$DEMO/sample-request.json"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
