#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs what is missing, builds, and runs the
# whole test suite (ctest), then the non-GUI suite under ASan + UBSan and each fuzzer for
# FUZZ_SECONDS (default 30). ../shared beside the checkout, when present, adds the Azure ML
# sample checks. Extra arguments go to the first ctest run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
"$here/deps.sh" test
"$here/build.sh" -DROLLOUTDESK_WERROR=ON
build_dir=${BUILD_DIR:-$top/build}

status=0
(cd "$build_dir" && ctest --output-on-failure --parallel 2 "$@") || status=1
# Sanitizers: the soak is the plain suite's (its figures mean nothing under ASan), and the
# package test needs the GUI build.
BUILD_DIR="$top/build-sanitize" "$here/sanitize-tests.sh" -LE "soak|packaging" || status=1
BUILD_DIR="$top/build-fuzz" FUZZ_SECONDS="${FUZZ_SECONDS:-30}" "$top/tests/fuzz/run_fuzzers.sh" || status=1
[ $status -eq 0 ] && echo "run-tests.sh: every suite passed" || echo "run-tests.sh: some suite failed (see above)" >&2
exit $status
