#!/usr/bin/env bash
# The non-GUI test suite under AddressSanitizer + UndefinedBehaviorSanitizer: configures
# BUILD_DIR (default build-sanitize/ in the checkout) with ROLLOUTDESK_SANITIZE, builds every
# non-GUI target and runs ctest. Any report fails: the code is built with
# -fno-sanitize-recover=all, so an undefined-behaviour report aborts the process (on its
# stderr, which the tests forward); halt_on_error=1 does the same for ASan, and the ASan
# and leak reports of every instrumented process (rolloutd and rolloutctl started by the
# tests included, whose exit codes a test may not see) are also written to
# BUILD_DIR/sanitizer/, which must stay empty. Python model processes are not instrumented
# and get no sanitizer runtime (no LD_PRELOAD): rolloutd starts them with a clean environment.
# Extra arguments go to ctest (e.g. -L core).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build_dir=${BUILD_DIR:-$top/build-sanitize}
sanitizers=${ROLLOUTDESK_SANITIZE:-address,undefined}

"$here/deps.sh" test
# -O1 and line tables only: what sanitizer reports need, at a fraction of the compile time.
cmake -S "$top" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DROLLOUTDESK_SANITIZE="$sanitizers" -DROLLOUTDESK_BUILD_GUI=OFF -DROLLOUTDESK_WERROR=ON >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"

reports=$build_dir/sanitizer
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:log_path=$reports/asan${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

status=0
(cd "$build_dir" && ctest --output-on-failure --parallel 2 "$@") || status=$?
if [ -n "$(ls -A "$reports")" ]; then
    echo "sanitize-tests.sh: sanitizer reports:" >&2
    for f in "$reports"/*; do
        echo "---- $f" >&2
        cat "$f" >&2
    done
    status=1
fi
exit $status
