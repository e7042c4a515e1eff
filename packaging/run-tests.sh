#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs what is missing, builds, and runs the
# whole test suite (ctest). ../shared beside the checkout, when present, adds the Azure ML
# sample checks.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/deps.sh" test
"$here/build.sh" -DROLLOUTDESK_WERROR=ON
build_dir=${BUILD_DIR:-$here/../build}
cd "$build_dir"
ctest --output-on-failure --parallel 2 "$@"
