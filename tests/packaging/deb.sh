#!/usr/bin/env bash
# The .deb of cmake/Packaging.cmake: builds it with cpack from BUILD_DIR, checks its file
# list and dependencies, unpacks it into a temporary root (dpkg -x) and runs what it
# installed from there: rolloutctl starts the unpacked rolloutd, which serves the unpacked
# demo's blue model through the unpacked harness, and the answer is the demo's expected one.
#
#   tests/packaging/deb.sh BUILD_DIR
#
# Needs rolloutd, rolloutctl, rolloutdesk (GUI builds) and the demo built in BUILD_DIR, and
# dpkg-dev (dpkg-shlibdeps). Exit 77 (skipped) when cpack or dpkg-deb is missing.
set -euo pipefail

BUILD=$(cd "${1:?usage: deb.sh BUILD_DIR}" && pwd)
fail() {
    echo "deb.sh: $*" >&2
    exit 1
}
for tool in cpack dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || { echo "deb.sh: $tool is missing (apt-get install dpkg-dev cmake)"; exit 77; }
done
gui=$(sed -n 's/^ROLLOUTDESK_BUILD_GUI:BOOL=//p' "$BUILD/CMakeCache.txt")
programs=(rolloutd rolloutctl)
[[ "$gui" == ON ]] && programs+=(rolloutdesk)
for program in "${programs[@]}"; do
    [[ -x "$BUILD/bin/$program" ]] || fail "$BUILD/bin/$program is missing: cmake --build $BUILD --target ${programs[*]} demo"
done
[[ -f "$BUILD/demo/expected.json" ]] || fail "$BUILD/demo is not built: cmake --build $BUILD --target demo"

WORK=$(mktemp -d /tmp/rd-deb.XXXXXX)
ROOT="$WORK/root"
STATE="$WORK/state"
cleanup() {
    # The host rolloutctl started from the unpacked package, if it is still up.
    if [[ -x "$ROOT/usr/bin/rolloutctl" && -d "$STATE" ]]; then
        ROLLOUTDESK_STATE_DIR="$STATE" timeout 20 "$ROOT/usr/bin/rolloutctl" host stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# ---- build the package (out of the build folder's way)
(cd "$BUILD" && cpack -G DEB -B "$WORK/out" >"$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log" >&2; fail "cpack failed"; }
debs=("$WORK"/out/rolloutdesk_*.deb)
[[ -f "${debs[0]}" ]] || fail "cpack wrote no rolloutdesk_*.deb: $(ls "$WORK/out")"
DEB=${debs[0]}
echo "package: $(basename "$DEB"), $(stat -c %s "$DEB") bytes"

# ---- its files
dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's#^\./#/#' >"$WORK/files"
expected=(
    /usr/bin/rolloutd
    /usr/bin/rolloutctl
    /usr/share/rolloutdesk/harness/rolloutd_harness.py
    /usr/share/rolloutdesk/demo/endpoint.yml
    /usr/share/rolloutdesk/demo/blue-deployment.yml
    /usr/share/rolloutdesk/demo/green-deployment.yml
    /usr/share/rolloutdesk/demo/sample-request.json
    /usr/share/rolloutdesk/demo/expected.json
    /usr/share/rolloutdesk/demo/model-1/model/diabetes_model.pkl
    /usr/share/rolloutdesk/demo/model-1/onlinescoring/score.py
    /usr/share/rolloutdesk/demo/model-1/environment/conda.yaml
    /usr/share/rolloutdesk/demo/model-2/model/diabetes_model.pkl
    /usr/share/rolloutdesk/demo/model-2/onlinescoring/score.py
    /usr/share/rolloutdesk/demo/model-2/environment/conda.yaml
    /usr/share/rolloutdesk/demo/source/make_demo.py
    /usr/share/bash-completion/completions/rolloutctl
)
if [[ "$gui" == ON ]]; then
    expected+=(
        /usr/bin/rolloutdesk
        /usr/share/applications/io.rolloutdesk.RolloutDesk.desktop
        /usr/share/metainfo/io.rolloutdesk.RolloutDesk.metainfo.xml
        /usr/share/icons/hicolor/scalable/apps/io.rolloutdesk.RolloutDesk.svg
    )
fi
missing=0
for file in "${expected[@]}"; do
    grep -qxF "$file" "$WORK/files" || { echo "deb.sh: the package lacks $file" >&2; missing=1; }
done
((missing == 0)) || fail "files missing; the package holds: $(grep -v '/$' "$WORK/files" | tr '\n' ' ')"
# Nothing of the build tree's bookkeeping.
if grep -E '__pycache__|\.pyc$|CMakeFiles' "$WORK/files"; then
    fail "the package holds build leftovers (above)"
fi
echo "files: $(grep -vc '/$' "$WORK/files")"
grep -v '/$' "$WORK/files"

# ---- its dependencies: the Python side by name, the libraries from dpkg-shlibdeps
depends=$(dpkg-deb -f "$DEB" Depends)
echo "depends: $depends"
for dep in python3 python3-sklearn python3-joblib python3-numpy libqt6core6 libqt6network6 libyaml-cpp0.7; do
    grep -qE "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
if [[ "$gui" == ON ]]; then
    for dep in libqt6widgets6 libqt6charts6 libqt6svg6; do
        grep -qE "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
    done
fi
[[ "$(dpkg-deb -f "$DEB" Package)" == rolloutdesk ]] || fail "the package is not named rolloutdesk"

# ---- unpacked: the programs run from there and find the harness and the demo there
dpkg -x "$DEB" "$ROOT"
"$ROOT/usr/bin/rolloutctl" --help >"$WORK/help" || fail "the unpacked rolloutctl --help failed"
grep -q online-endpoint "$WORK/help" || fail "the unpacked rolloutctl --help does not list online-endpoint"
"$ROOT/usr/bin/rolloutd" --help >/dev/null || fail "the unpacked rolloutd --help failed"
if [[ "$gui" == ON ]]; then
    version=$(QT_QPA_PLATFORM=offscreen "$ROOT/usr/bin/rolloutdesk" --version) || fail "the unpacked rolloutdesk --version failed"
    echo "rolloutdesk --version: $version"
fi

ctl() {
    ROLLOUTDESK_STATE_DIR="$STATE" ROLLOUTDESK_ROLLOUTD= ROLLOUTDESK_HARNESS= timeout 60 "$ROOT/usr/bin/rolloutctl" "$@"
}
DEMO="$ROOT/usr/share/rolloutdesk/demo"
ctl online-endpoint create --name demo -f "$DEMO/endpoint.yml" >/dev/null || fail "endpoint create failed"
ctl online-deployment create --name blue --endpoint-name demo -f "$DEMO/blue-deployment.yml" --all-traffic >/dev/null \
    || fail "deployment create failed; host log: $(ctl host logs 2>&1 | tail -20)"
# The instance runs the unpacked harness (the host looks beside its own program first).
pgrep -af rolloutd_harness.py | grep -qF "$ROOT/usr/share/rolloutdesk/harness/rolloutd_harness.py" \
    || fail "the deployment does not run the packaged harness: $(pgrep -af rolloutd_harness.py)"
pgrep -af "rolloutd --state-dir $STATE" | grep -qF "$ROOT/usr/bin/rolloutd" \
    || fail "rolloutctl did not start the packaged rolloutd: $(pgrep -af 'rolloutd --state-dir')"
answer=$(ctl online-endpoint invoke --name demo --request-file "$DEMO/sample-request.json") || fail "invoke failed"
/usr/bin/python3 - "$DEMO/expected.json" "$answer" <<'EOF' || fail "the packaged demo answered $answer"
import json, sys
expected = json.load(open(sys.argv[1]))["model-1"]
got = json.loads(sys.argv[2])
if isinstance(got, str):  # score.py answers json.dumps(list): a JSON string
    got = json.loads(got)
assert len(got) == len(expected) and all(abs(a - b) < 1e-6 for a, b in zip(got, expected)), (got, expected)
EOF
echo "the unpacked rolloutctl, rolloutd, harness and demo served: $answer"
ctl host stop >/dev/null || fail "host stop failed"
echo "PASS"
