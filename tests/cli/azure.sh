#!/usr/bin/env bash
# rolloutctl on an Azure ML workspace: the workspace flags and `configure --defaults`, the
# credential chain (a service principal from AZURE_* variables signing in at a local
# OAuth2 token endpoint), commands through the ARM path against rolloutd, the refusal of
# local folders and local_* fields before anything is sent, and no secret in --debug.
# rolloutd accepts only its own token, so the token endpoint hands that one out.
# Usage: azure.sh BIN_DIR DEMO_DIR
set -uo pipefail
BIN=$1 DEMO=$2
PY=/usr/bin/python3
export ROLLOUTDESK_STATE_DIR=$(mktemp -d)
export XDG_CONFIG_HOME=$(mktemp -d)
export PATH=/usr/bin:/bin # no `az` here
unset AZURE_TENANT_ID AZURE_CLIENT_ID AZURE_CLIENT_SECRET
ctl() { "$BIN/rolloutctl" "$@"; }
tokpid=
trap 'ctl host stop >/dev/null 2>&1; [ -n "$tokpid" ] && kill $tokpid; rm -rf "$ROLLOUTDESK_STATE_DIR" "$XDG_CONFIG_HOME"' EXIT
passed=0 failed=0
check() { # check NAME COMMAND...: passes when the command succeeds
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; fi
}
expect() { # expect CODE KEYWORD -- ARGS...
    local code=$1 keyword=$2; shift 3
    local err; err=$(ctl "$@" 2>&1 >/dev/null); local rc=$?
    if [ "$rc" = "$code" ] && grep -qiF -- "$keyword" <<<"$err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL: rolloutctl $* -> exit $rc, '$err' (wanted $code, '$keyword')" >&2
    fi
}

# The local workspace with blue (all traffic) and green.
ctl online-endpoint create -n azw -f "$DEMO/endpoint.yml" -o none || exit 1
ctl online-deployment create -n blue -e azw -f "$DEMO/blue-deployment.yml" --all-traffic -o none 2>/dev/null || exit 1
ctl online-deployment create -n green -e azw -f "$DEMO/green-deployment.yml" -o none || exit 1
control=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["control_url"])' "$ROLLOUTDESK_STATE_DIR/rolloutd.json")
token=$(cat "$ROLLOUTDESK_STATE_DIR/token")
secret='s3cr+t&x=y'

# A local OAuth2 token endpoint: client_credentials for client-1 with $secret only.
portfile=$(mktemp)
TOKEN="$token" SECRET="$secret" $PY - "$portfile" <<'PYEOF' &
import http.server, json, os, sys, urllib.parse
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
        get = lambda k: form.get(k, [""])[0]
        ok = (self.path == "/tenant-1/oauth2/v2.0/token" and get("grant_type") == "client_credentials"
              and get("client_id") == "client-1" and get("client_secret") == os.environ["SECRET"])
        body = ({"token_type": "Bearer", "expires_in": 3600, "access_token": os.environ["TOKEN"]} if ok
                else {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."})
        data = json.dumps(body).encode()
        self.send_response(200 if ok else 401)
        self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data)))
        self.end_headers(); self.wfile.write(data)
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_port))
s.serve_forever()
PYEOF
tokpid=$!
for _ in $(seq 100); do [ -s "$portfile" ] && break; sleep 0.1; done
authority="http://127.0.0.1:$(cat "$portfile")"

# Bad workspace values: usage errors, nothing saved.
expect 2 "not a subscription id" -- online-endpoint list --subscription nope -g rg -w my-ws
expect 2 "missing: subscription" -- online-endpoint list -g rg -w my-ws
expect 2 "not a default" -- configure --defaults colour=blue
expect 2 "must use https" -- configure --defaults arm_host=http://management.example.com
check "bad defaults not saved" test ! -s "$XDG_CONFIG_HOME/rolloutdesk/rolloutctl.ini"

# Defaults as `az configure --defaults`; the ARM host is rolloutd's control API.
check "configure" ctl configure --defaults subscription=00000000-0000-0000-0000-000000000000 \
    group=local workspace=local tenant=tenant-1 arm_host="$control" authority_host="$authority"
check "list-defaults" test "$(ctl configure -l --query group -o tsv)" = local

# No credential: the chain says what was tried and what to do.
expect 1 "No credential could sign in" -- online-endpoint show -n azw
export AZURE_TENANT_ID=tenant-1 AZURE_CLIENT_ID=client-1 AZURE_CLIENT_SECRET=wrong
expect 1 "invalid_client" -- online-endpoint show -n azw
export AZURE_CLIENT_SECRET="$secret"

# Through the ARM path: show, traffic, invoke by header.
check "show" test "$(ctl online-endpoint show -n azw --query traffic.blue -o tsv)" = 100
check "traffic" ctl online-endpoint update -n azw --traffic "blue=90 green=10" -o none
check "traffic shown" test "$(ctl online-endpoint show -n azw --query traffic.green -o tsv)" = 10
check "mirror keeps traffic" ctl online-endpoint update -n azw --mirror-traffic "green=0" -o none
check "traffic kept" test "$(ctl online-endpoint show -n azw --query traffic.green -o tsv)" = 10
answer=$(ctl online-endpoint invoke -n azw --deployment-name green --request-file "$DEMO/sample-request.json")
want=$($PY -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["model-2"]))' "$DEMO/expected.json")
# invoke prints the answer as a JSON string, as `az ml online-endpoint invoke` does.
check "invoke green" $PY -c 'import json,sys; a=json.loads(sys.argv[1]); a=json.loads(a) if isinstance(a,str) else a; sys.exit(a != json.loads(sys.argv[2]))' "$answer" "$want"
# A flag wins over the default: this workspace is not served by rolloutd.
expect 1 "not served here" -- online-endpoint show -n azw -w other

# --debug: the workspace and the calls, never the token or the secret.
debug=$(ctl online-endpoint show -n azw --debug 2>&1 >/dev/null)
check "debug shows the ARM call" grep -q "DEBUG: GET .*/resourceGroups/local/.*/onlineEndpoints/azw" <<<"$debug"
check "debug hides the token" bash -c '! grep -qF -- "$1" <<<"$2"' _ "$token" "$debug"
check "debug hides the secret" bash -c '! grep -qF -- "$1" <<<"$2"' _ "$secret" "$debug"

# Local folders and local_* fields are refused for Azure before anything is sent.
before=$(ctl online-deployment list -e azw --query "length(@)" -o tsv)
err=$(ctl online-deployment create -n red -e azw -f "$DEMO/blue-deployment.yml" --debug 2>&1 >/dev/null); rc=$?
check "local model refused" test "$rc" = 1
check "says how to register" grep -qF "az ml model create" <<<"$err"
check "nothing sent" bash -c '! grep -q "DEBUG: PUT\|DEBUG: GET" <<<"$1"' _ "$err"
ln -s "$DEMO/model-1" "$XDG_CONFIG_HOME/model-1"
sed -e 's|^model:.*|model: azureml:my-model:1|' -e '/^  path:/d' "$DEMO/blue-deployment.yml" > "$XDG_CONFIG_HOME/cmd.yml"
printf 'local_command: ["/bin/true"]\n' >> "$XDG_CONFIG_HOME/cmd.yml"
expect 1 "local_command" -- online-deployment create -n red -e azw -f "$XDG_CONFIG_HOME/cmd.yml"
check "no deployment added" test "$(ctl online-deployment list -e azw --query "length(@)" -o tsv)" = "$before"

# Defaults broken by hand: commands say so, `configure` still repairs them.
ini="$XDG_CONFIG_HOME/rolloutdesk/rolloutctl.ini"
cp "$ini" "$ini.good"; sed -i 's/^workspace=.*/workspace=x/' "$ini"
expect 2 "workspace name 'x' is not valid" -- online-endpoint list
check "configure repairs" ctl configure --defaults workspace=local
cmp -s "$ini" "$ini.good" || check "repaired file" false

# Removing the defaults goes back to the local workspace.
check "unset defaults" ctl configure --defaults group= workspace=
unset AZURE_TENANT_ID AZURE_CLIENT_ID AZURE_CLIENT_SECRET
check "local again" test "$(ctl online-endpoint show -n azw --query traffic.green -o tsv)" = 10

echo "azure.sh: $passed passed, $failed failed"
[ "$failed" = 0 ]
