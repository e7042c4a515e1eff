#!/usr/bin/env bash
# Installs the Debian 12 packages RolloutDesk needs, only those that are missing.
# Usage: deps.sh build|app|test
set -euo pipefail

build_pkgs=(cmake g++ ninja-build pkg-config qt6-base-dev qt6-charts-dev libqt6opengl6-dev libyaml-cpp-dev
    qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools libqt6svg6 libgl-dev
    python3 python3-sklearn python3-joblib python3-numpy)
# Qt's own strings (Cancel, OK) in the user's language, beside our translation.
app_pkgs=(qt6-translations-l10n)
test_pkgs=(qt6-translations-l10n xvfb xauth curl clang libclang-rt-14-dev)

pkgs=("${build_pkgs[@]}")
case "${1:-build}" in
build) ;;
app) pkgs+=("${app_pkgs[@]}") ;;
test) pkgs+=("${test_pkgs[@]}") ;;
*) echo "usage: $0 build|app|test" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
