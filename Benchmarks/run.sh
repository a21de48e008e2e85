#!/usr/bin/env bash
# harden's benchmarks, side by side with the tools it wraps, in one run (README "Performance").
#
# Builds the release binary as the README's Install section does (scripts/build-release.sh), generates the inputs under
# Benchmarks/out/, measures with hyperfine (warm-up runs first; medians reported) and peak memory
# with /usr/bin/time -v, then writes Benchmarks/RESULTS.md and prints its table. Installs what it
# needs from Debian's packages when missing. Needs root for the real-container case (dockerd).
#
# Environment: BENCH_RUNS (hyperfine runs for the fast cases, default 300), BENCH_SLOW_RUNS (for
# check and validate, default 5), BENCH_DOCKER_PAIRS
# (interleaved harden/docker container starts for case 5, default 150), BENCH_SKIP_BUILD=1 to
# measure the binary already in .build/release.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/Benchmarks
OUT=$BENCH/out
RUNS=${BENCH_RUNS:-300}
PAIRS=${BENCH_DOCKER_PAIRS:-150}
SLOW_RUNS=${BENCH_SLOW_RUNS:-5}
IMAGE=harden-e2e/busybox:1
die() { echo "run.sh: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v runc >/dev/null || missing+=(runc)
command -v cc >/dev/null || missing+=(gcc libc6-dev)
command -v python3 >/dev/null || missing+=(python3)
{ [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import yaml; yaml.CSafeLoader'; } 2>/dev/null || missing+=(python3-yaml)
command -v docker >/dev/null || missing+=(docker.io)
command -v busybox >/dev/null || [ -x /bin/busybox ] || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
    echo "run.sh: installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || die "swift not found; install Swift 6 (README, Install)"

# --- build -------------------------------------------------------------------------------------
mkdir -p "$OUT"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "run.sh: scripts/build-release.sh"
    bash scripts/build-release.sh 2>&1 | tail -n 3
fi
HARDEN=$ROOT/.build/release/harden
[ -x "$HARDEN" ] || die "$HARDEN missing; run scripts/build-release.sh"
cc -O2 -o "$OUT/floor-dynamic" "$BENCH/floor.c"
cc -O2 -static -o "$OUT/floor-static" "$BENCH/floor.c"

# --- inputs ------------------------------------------------------------------------------------
[ -s "$OUT/lines.txt" ] && [ "$(grep -c '^docker run' "$OUT/lines.txt")" -eq 100000 ] \
    || python3 "$BENCH/gen-docker-lines.py" "$OUT/lines.txt" 100000
[ -d "$OUT/team" ] && [ "$(find "$OUT/team" -name '*.json' | wc -l)" -eq 10001 ] \
    || python3 "$BENCH/gen-team-repo.py" "$OUT/team" 10000 5
[ -s "$OUT/compose-1mb.yaml" ] || python3 "$BENCH/gen-yaml.py" compose "$OUT/compose-1mb.yaml" 1048576
[ -s "$OUT/manifests-10k.yaml" ] || python3 "$BENCH/gen-yaml.py" manifests "$OUT/manifests-10k.yaml" 10000
# The compose file followed by a second document: check loads the whole stream, then refuses it
# (a compose file is one document), so this times the YAML load alone.
{ cat "$OUT/compose-1mb.yaml"; printf -- '---\n{}\n'; } >"$OUT/compose-1mb-load.yaml"
# The seccomp filter `run` passes is written once per profile and reused: warm it like a user's cache.
"$HARDEN" run web --dry-run -- "$IMAGE" >/dev/null

# --- measurements ------------------------------------------------------------------------------
rm -rf "$OUT/json" "$OUT/rss" && mkdir -p "$OUT/json" "$OUT/rss" "$OUT/oci-harden" "$OUT/oci-runc"
uptime >"$OUT/load-start.txt"
fine() { # NAME WARMUP RUNS hyperfine-args...
    local name=$1 warmup=$2 runs=$3; shift 3
    echo "run.sh: case $name"
    hyperfine -N --style basic --warmup "$warmup" --runs "$runs" --export-json "$OUT/json/$name.json" "$@"
}
rss() { # NAME command... : peak resident set size in kB
    local name=$1; shift
    /usr/bin/time -v -o "$OUT/rss/$name.txt" "$@" >/dev/null 2>&1 || true
}

# 1. an OCI config.json: harden oci vs runc spec (both write the file afresh each run).
fine oci 20 "$RUNS" \
    --prepare "rm -f $OUT/oci-harden/config.json" -n "harden oci web -- /bin/sh" "$HARDEN oci web -o $OUT/oci-harden/config.json -- /bin/sh" \
    --prepare "rm -f $OUT/oci-runc/config.json" -n "runc spec" "runc spec -b $OUT/oci-runc"
rss harden-oci "$HARDEN" oci web -o "$OUT/oci-harden/config.json" -- /bin/sh
rss runc-spec sh -c "rm -f $OUT/oci-runc/config.json; exec runc spec -b $OUT/oci-runc"

# 2. the docker run argv vs a process that does nothing.
fine dryrun 20 "$RUNS" \
    -n "harden run web --dry-run" "$HARDEN run web --dry-run -- $IMAGE" \
    -n "floor (C, static)" "$OUT/floor-static" \
    -n "floor (C, dynamic)" "$OUT/floor-dynamic"
rss harden-dryrun "$HARDEN" run web --dry-run -- "$IMAGE"
rss floor-static "$OUT/floor-static"

# 3. 100,000 docker run lines (exit 1: some are refused, as they should be).
fine check 1 "$SLOW_RUNS" -i -n "harden check --file (100,000 lines)" "$HARDEN check --file $OUT/lines.txt"
rss harden-check "$HARDEN" check --file "$OUT/lines.txt"
"$HARDEN" check --file "$OUT/lines.txt" | tail -n 1 >"$OUT/check-summary.txt" || true

# 4. a team repository of 10,000 profiles, extends chains five deep.
fine validate 1 "$SLOW_RUNS" -i -n "harden validate (10,000 profiles)" "$HARDEN validate $OUT/team"
rss harden-validate "$HARDEN" validate "$OUT/team"
"$HARDEN" validate "$OUT/team" | tail -n 1 >"$OUT/validate-summary.txt" || true

# 5. YAML: harden's reader against PyYAML's C loader (libyaml) on the same files. `harden check` of
# a compose file is what users run (load, interpolate, judge ~1,900 services); the two-document copy
# and the manifest stream are loaded whole and then refused as not one compose file (exit 2), which
# times the load alone, twice over: check's streaming pass gives up on a refused input and the full
# pass reads it again to report it. PyYAML builds Python objects; "python3 -c 'import yaml'" is its start.
PYLOAD="import sys, yaml; list(yaml.load_all(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader))"
# Debian's interpreter, which python3-yaml is for (a pyenv shim on PATH would add its own start).
PY=$([ -x /usr/bin/python3 ] && echo /usr/bin/python3 || command -v python3)
fine yaml-compose 1 "$SLOW_RUNS" -i \
    -n "harden check (1 MB compose)" "$HARDEN check $OUT/compose-1mb.yaml" \
    -n "harden load (1 MB compose)" "$HARDEN check $OUT/compose-1mb-load.yaml" \
    -n "PyYAML CSafeLoader (1 MB compose)" "$PY -c \"$PYLOAD\" $OUT/compose-1mb.yaml" \
    -n "python3 -c 'import yaml'" "$PY -c 'import yaml'"
fine yaml-manifests 1 "$SLOW_RUNS" -i \
    -n "harden load (10,000 manifests)" "$HARDEN check $OUT/manifests-10k.yaml" \
    -n "PyYAML CSafeLoader (10,000 manifests)" "$PY -c \"$PYLOAD\" $OUT/manifests-10k.yaml"
rss harden-yaml-compose "$HARDEN" check "$OUT/compose-1mb.yaml"
rss harden-yaml-compose-load "$HARDEN" check "$OUT/compose-1mb-load.yaml"
rss pyyaml-compose "$PY" -c "$PYLOAD" "$OUT/compose-1mb.yaml"
rss harden-yaml-manifests "$HARDEN" check "$OUT/manifests-10k.yaml"
rss pyyaml-manifests "$PY" -c "$PYLOAD" "$OUT/manifests-10k.yaml"

# 6. a real container start on dockerd: harden run vs docker run with the same options.
echo "run.sh: case docker (dockerd, $IMAGE)"
bash scripts/start-dockerd.sh >/dev/null
docker image inspect "$IMAGE" >/dev/null 2>&1 \
    || HARDEN_E2E_IMAGES=busybox HARDEN_E2E_PODMAN=0 bash scripts/build-images.sh >/dev/null
python3 "$BENCH/docker-pairs.py" "$HARDEN" "$IMAGE" "$PAIRS" "$OUT/json/docker.json"
# What harden adds before the engine starts, without the daemon's noise: `harden run` with the
# engine replaced by the do-nothing program, against that program given the same arguments.
engine_args=$("$HARDEN" run web --engine "$OUT/floor-static" --dry-run --rm -- "$IMAGE" true 2>/dev/null | cut -d' ' -f2-)
fine runpath 20 "$RUNS" \
    -n "harden run web (engine: floor)" "$HARDEN run web --engine $OUT/floor-static --rm -- $IMAGE true" \
    -n "floor with the same arguments" "$OUT/floor-static $engine_args"

# --- report ------------------------------------------------------------------------------------
python3 "$BENCH/report.py" "$OUT" "$BENCH/RESULTS.md" "$HARDEN"
