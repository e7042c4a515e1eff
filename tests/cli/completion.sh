#!/usr/bin/env bash
# The bash completion script offers the groups, commands and flags rolloutctl takes, and
# every flag it offers is one rolloutctl accepts (checked against --help).
set -uo pipefail
SCRIPT=$1 BIN=$2
source "$SCRIPT"
passed=0 failed=0
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _rolloutctl; echo "${COMPREPLY[*]}"; }
check() { if grep -qw -- "$2" <<<"$1"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: '$2' not in '$1'" >&2; fi; }
check "$(complete_words rolloutctl online-)" online-endpoint
check "$(complete_words rolloutctl online-)" online-deployment
check "$(complete_words rolloutctl online-endpoint u)" update
check "$(complete_words rolloutctl online-deployment get)" get-logs
check "$(complete_words rolloutctl online-endpoint update --)" --mirror-traffic
check "$(complete_words rolloutctl online-deployment create --)" --all-traffic
check "$(complete_words rolloutctl online-endpoint show -o t)" table
check "$(complete_words rolloutctl ro)" rollout
check "$(complete_words rolloutctl rollout p)" promote
check "$(complete_words rolloutctl rollout abort --)" --file
check "$(complete_words rolloutctl conf)" configure
# Each offered flag appears in the command's --help.
for cmd in "online-endpoint create" "online-endpoint update" "online-endpoint invoke" "online-deployment create" "online-deployment get-logs" "rollout start" "rollout abort"; do
    help=$("$BIN/rolloutctl" $cmd --help)
    for flag in $(complete_words rolloutctl $cmd --); do
        check "$help" "$flag"
    done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
