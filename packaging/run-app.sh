#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs what is missing, builds, and starts
# RolloutDesk on the local workspace with the demo endpoint.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/deps.sh" app
"$here/build.sh"
build_dir=${BUILD_DIR:-$here/../build}
exec "$build_dir/bin/rolloutdesk" --demo "$@"
