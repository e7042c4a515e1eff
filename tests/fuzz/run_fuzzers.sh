#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehaviorSanitizer) and runs
# each for FUZZ_SECONDS (default 30) from its checked-in seed corpus. Fails on any crash,
# hang (FUZZ_TIMEOUT seconds for one input, default 5), leak or sanitizer report; the input
# that did it is left in $BUILD_DIR/fuzz/artifacts/.
# Usage: run_fuzzers.sh [target...]   (default: all four)
# Env: BUILD_DIR (default build-fuzz/ in the checkout), FUZZ_SECONDS, FUZZ_TIMEOUT.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${BUILD_DIR:-$top/build-fuzz}
seconds=${FUZZ_SECONDS:-30}
timeout=${FUZZ_TIMEOUT:-5}

"$top/packaging/deps.sh" test
cmake -S "$top" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DROLLOUTDESK_FUZZ=ON -DROLLOUTDESK_BUILD_TESTS=OFF \
    -DROLLOUTDESK_BUILD_GUI=OFF -DROLLOUTDESK_WERROR=ON >/dev/null
cmake --build "$build_dir" --target fuzzers --parallel "$(nproc)"

# target:max_len (bytes): the longest input worth trying for each.
targets=(fuzz_yamlspec:4096 fuzz_trafficstring:256 fuzz_armjson:4096 fuzz_httprequest:4096)
if [ $# -gt 0 ]; then
    selected=()
    for name in "$@"; do
        found=""
        for t in "${targets[@]}"; do [ "${t%%:*}" = "$name" ] && found=$t; done
        [ -n "$found" ] || { echo "run_fuzzers.sh: unknown target '$name' (known: ${targets[*]%%:*})" >&2; exit 2; }
        selected+=("$found")
    done
    targets=("${selected[@]}")
fi

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
artifacts=$build_dir/fuzz/artifacts
mkdir -p "$artifacts"
failed=()
for t in "${targets[@]}"; do
    name=${t%%:*}
    max_len=${t##*:}
    # New inputs go to the build dir; the checked-in seeds are only read.
    work=$build_dir/fuzz/corpus/$name
    mkdir -p "$work"
    echo "== $name: ${seconds}s, max_len $max_len"
    start=$(date +%s)
    if ! "$build_dir/fuzz/$name" -max_total_time="$seconds" -timeout="$timeout" \
        -max_len="$max_len" -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$name-" "$work" "$top/tests/fuzz/corpus/$name" \
        >"$build_dir/fuzz/$name.log" 2>&1; then
        tail -n 60 "$build_dir/fuzz/$name.log"
        failed+=("$name")
    fi
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$build_dir/fuzz/$name.log" || true
    echo "   $(( $(date +%s) - start ))s"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "run_fuzzers.sh: FAILED: ${failed[*]} (inputs in $artifacts; replay: $build_dir/fuzz/<target> <input>)" >&2
    exit 1
fi
echo "run_fuzzers.sh: all targets ran ${seconds}s without a report"
