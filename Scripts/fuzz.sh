#!/usr/bin/env bash
# Fuzzes vggc's loaders of untrusted files with libFuzzer (docs/SECURITY.md).
#
#   Scripts/fuzz.sh [SECONDS_PER_HARNESS] [HARNESS...]     (default: 60 s each; onnx bin program config image)
#   Scripts/fuzz.sh --ci                                    (.ci/run: a fixed seed and a fixed number of
#                                                            executions per harness, about a minute in all)
#
# Builds Fuzz/ (the libFuzzer entry over Sources/FuzzHarnesses) with -sanitize=fuzzer into
# .build-fuzz, then runs each harness from its seed corpus Fuzz/Corpus/<harness> into a working
# corpus .build-fuzz/corpus/<harness>, with a 10 s per-input timeout and a 2 GiB memory limit (a larger
# allocation counts as a crash: a memory bomb). Prints one line per harness: executions, executions
# per second, crashes. A crashing input is left in .build-fuzz/crashes/<harness>/ (emptied when the
# harness next runs); copy it into
# Fuzz/Regressions/<harness>/ with the fix, where the test suite replays it. Exits 1 if any harness
# crashed.
set -uo pipefail
cd "$(dirname "$0")/.."
# Executions per harness in --ci mode, sized from measured rates (onnx ~150/s, bin ~1,800/s,
# config ~35,000/s, image ~55,000/s on one core) to about 15 s each.
declare -A ci_runs=([onnx]=2000 [bin]=25000 [program]=25000 [config]=400000 [image]=600000)
ci=0
if [ "${1:-}" = "--ci" ]; then
    ci=1
    shift
fi
seconds=0
if [ "$ci" -eq 0 ]; then
    seconds=${1:-60}
    shift || true
fi
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(onnx bin program config image)

flags=(-c release --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld)
swift build "${flags[@]}" >&2 || exit 2
binary="$(swift build "${flags[@]}" --show-bin-path)/vggc-fuzz"

status=0
for harness in "${harnesses[@]}"; do
    corpus=.build-fuzz/corpus/$harness crashes=.build-fuzz/crashes/$harness
    rm -rf "$crashes"
    mkdir -p "$corpus" "$crashes"
    log=.build-fuzz/$harness.log
    if [ "$ci" -eq 1 ]; then
        limit=(-runs="${ci_runs[$harness]}" -seed=1)
    else
        limit=(-max_total_time="$seconds")
    fi
    start=$(date +%s)
    SWIFT_BACKTRACE=enable=no VGGC_FUZZ_HARNESS=$harness "$binary" "$corpus" "Fuzz/Corpus/$harness" "${limit[@]}" -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1
    result=$?
    elapsed=$(( $(date +%s) - start ))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    found=$(find "$crashes" -type f | wc -l)
    rate=$(( ${executions:-0} / (elapsed > 0 ? elapsed : 1) ))
    echo "fuzz $harness: ${executions:-0} executions in ${elapsed} s (about $rate/s), $found crashing inputs in $crashes"
    if [ "$result" -ne 0 ] || [ "$found" -ne 0 ]; then
        status=1
        grep -m1 -E "ERROR: libFuzzer|Fatal error|SUMMARY" "$log" | sed "s/^/  /"
    fi
done
exit $status
