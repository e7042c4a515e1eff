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

after=$(ctl online-endpoint show -n errs --query "{t:traffic,m:mirror_traffic}" -o json)
if [ "$before" = "$after" ] && [ "$(ctl online-deployment list -e errs -o tsv --query 'length(@)')" = 2 ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: state changed: $before -> $after" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
