#!/usr/bin/env bash
# Fuzzes harden's input doors with libFuzzer: builds the Fuzz package with -sanitize=fuzzer,address,
# runs each target for a bounded time from the seed corpus in Fuzz/corpus, prints each target's
# executions, and fails on any crash, failed property, leak, timeout or memory blow-up, keeping the
# input that did it under the work directory's crashes/.
#
#   bash scripts/fuzz.sh --ci                 short pass, as CI runs it (15 s a target, unoptimised build)
#   bash scripts/fuzz.sh --seconds 900        long pass: 15 minutes a target, optimised build
#   bash scripts/fuzz.sh --target FuzzUnits   one target only (repeatable)
#
# Targets run one after another, one process each: fuzzing takes one core, not the machine.
# The work directory (FUZZ_WORK, default /tmp/harden-fuzz) keeps the builds, the growing corpora,
# the logs and executions.tsv, one line per run, so that passes over several sessions add up.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

all_targets=(FuzzDockerRun FuzzProfile FuzzPolicy FuzzOCIConfig FuzzCompose FuzzKubernetes FuzzUnits FuzzYAML FuzzLearn)
seconds=60
optimise=1
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --ci) seconds=15; optimise=0 ;;
        --seconds) seconds="${2:?--seconds needs a number}"; shift ;;
        --target) targets+=("${2:?--target needs a name: ${all_targets[*]}}"); shift ;;
        --no-optimise) optimise=0 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "fuzz.sh: unknown option '$1'; use --ci, --seconds N, --target NAME or --no-optimise" >&2; exit 2 ;;
    esac
    shift
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "fuzz.sh: no target '$target'; the targets are ${all_targets[*]}" >&2; exit 2; }
done

# The corpus directory, the longest input worth trying, and the dictionary of each target.
corpus_of() {
    case "$1" in
        FuzzDockerRun) echo docker-run ;; FuzzProfile) echo profile ;; FuzzPolicy) echo policy ;;
        FuzzOCIConfig) echo oci-config ;; FuzzCompose) echo compose ;; FuzzKubernetes) echo kubernetes ;; FuzzUnits) echo units ;; FuzzYAML) echo yaml ;; FuzzLearn) echo learn ;;
    esac
}
max_len_of() {
    case "$1" in
        FuzzOCIConfig) echo 16384 ;; FuzzProfile|FuzzPolicy|FuzzCompose|FuzzKubernetes|FuzzYAML) echo 8192 ;; FuzzDockerRun|FuzzLearn) echo 2048 ;; FuzzUnits) echo 256 ;;
    esac
}

swift_bin=$(command -v swift) || { echo "fuzz.sh: swift is not on PATH; install the Swift toolchain (README, Build)" >&2; exit 1; }
toolchain=$(dirname "$(dirname "$(readlink -f "$swift_bin")")")
if ! compgen -G "$toolchain/lib/clang/*/lib/linux/libclang_rt.fuzzer-$(uname -m).a" > /dev/null; then
    echo "fuzz.sh: this Swift toolchain ($toolchain) has no libFuzzer runtime (libclang_rt.fuzzer); use the swift.org Linux toolchain, which ships it" >&2
    exit 1
fi

work=${FUZZ_WORK:-/tmp/harden-fuzz}
mode=$([ "$optimise" = 1 ] && echo opt || echo debug)
build="$work/build-$mode"
mkdir -p "$work/crashes" "$work/logs"

# Debug configuration either way: it builds the harden targets testable, so the targets reach its internal
# value parsers. -O only for long passes: about four times the executions (FuzzDockerRun, same
# corpus: 1,537 against 372 a second), but some six minutes more to build.
flags=(-Xswiftc -sanitize=fuzzer,address)
[ "$optimise" = 1 ] && flags+=(-Xswiftc -O)
echo "== building the fuzz targets ($mode) in $build"
build_log="$work/logs/build-$mode.log"
if ! swift build --package-path Fuzz -c debug --scratch-path "$build" "${flags[@]}" > "$build_log" 2>&1; then
    grep -v "Cannot export local symbol" "$build_log" | tail -30 >&2
    echo "fuzz.sh: the fuzz build failed; the whole log is $build_log" >&2
    exit 1
fi
bin="$build/debug"

# Swift's own crash backtracer trips over ASan's shadow memory and buries the report; libFuzzer and
# ASan print what matters. No allocation stacks in ASan reports (malloc_context_size=0): recording
# them costs a quarter of the speed; rerun a crash by hand without it to see them.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}

failed=()
printf '%-14s %12s %10s  %s\n' target executions exec/s result
for target in "${targets[@]}"; do
    name=$(corpus_of "$target")
    corpus="$work/corpus/$name"
    mkdir -p "$corpus"
    log="$work/logs/$target.log"
    # New inputs go to the first directory (the work corpus); the repository's seeds are only read.
    set +e
    "$bin/$target" "$corpus" "$repo/Fuzz/corpus/$name" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len_of "$target")" \
        -print_final_stats=1 -artifact_prefix="$work/crashes/$target-" > "$log" 2>&1
    status=$?
    set -e
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    result=ok
    if [ "$status" != 0 ]; then
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        result="FAILED (exit $status): input ${artifact:-not saved}; log $log"
        failed+=("$target")
    fi
    printf '%-14s %12s %10s  %s\n' "$target" "${executions:-?}" "${speed:-?}" "$result"
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "${executions:-0}" "$mode" "$result" >> "$work/executions.tsv"
done

if [ ${#failed[@]} -gt 0 ]; then
    for target in "${failed[@]}"; do
        echo "== $target"
        grep -E "ERROR|Fatal error|property violated|^input:|SUMMARY|Test unit written" "$work/logs/$target.log" | head -12
    done
    echo "fuzz.sh: ${#failed[@]} target(s) failed: ${failed[*]}; minimise with '$bin/TARGET -minimize_crash=1 -runs=10000 INPUT', make it a regression test and add it to Fuzz/corpus" >&2
    exit 1
fi
echo "fuzz.sh: no crash; executions of every run so far are in $work/executions.tsv"
