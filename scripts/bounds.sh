#!/usr/bin/env bash
# Hostile sizes against a release build: a 100 MB profile, a docker run line of a million
# arguments, JSON nested 100,000 deep, an extends chain 10,000 long. Each must end in a result
# (exit 0 or 1) or a clean one-line error (exit 2) within the time limit, never a crash or a hang;
# the table shows the time and the peak memory. Usage: bash scripts/bounds.sh [--limit SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
limit=60
[ "${1:-}" = "--limit" ] && limit=$2

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need python3 python3
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

bash scripts/build-release.sh >/dev/null
harden="$(swift build -c release --show-bin-path)/harden"
work=$(mktemp -d /tmp/harden-bounds.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f: f.write(text)
# 100 MB: a million environment variables of about 90 bytes each.
env = {f"VAR_{i}": "x" * 90 for i in range(1_000_000)}
write(f"{work}/big/big.json", json.dumps({"name": "big", "extends": "builtin:worker", "environment": env}))
# Just under the 16 MB a JSON document may be: 150,000 variables, about 15.5 MB.
env = {f"VAR_{i}": "x" * 90 for i in range(150_000)}
write(f"{work}/mid/mid.json", json.dumps({"name": "mid", "extends": "builtin:worker", "environment": env}))
# 100,000-deep nesting in a profile, an OCI config and a compose file.
deep = "[" * 100_000 + "]" * 100_000
write(f"{work}/deep/deep.json", '{"name": "deep", "description": ' + deep + "}")
write(f"{work}/deep-config.json", '{"ociVersion": "1.0.2", "annotations": ' + deep + "}")
write(f"{work}/deep-compose.json", '{"services": {"app": {"image": ' + deep + "}}}")
# A docker run line of a million arguments.
words = ["docker", "run"]
for i in range(250_000): words += ["-e", f"V{i}=1"]
for i in range(249_999): words += ["--tmpfs", f"/t{i}"]
words += ["busybox", "true"]
write(f"{work}/million.txt", " ".join(words) + "\n")
# An extends chain 10,000 long.
for i in range(10_000):
    write(f"{work}/chain/p{i}.json", json.dumps({"name": f"p{i}", "extends": f"p{i+1}"}))
write(f"{work}/chain/p10000.json", json.dumps({"name": "p10000"}))
PY

failures=0
cases=0
printf '%-44s %6s %9s %10s  %s\n' "case" "exit" "seconds" "peak MB" "verdict"
run() {
    local name=$1; shift
    local status=0
    /usr/bin/time -f "%e %M" -o "$work/time" timeout "$limit" "$harden" "$@" >"$work/out" 2>"$work/err" || status=$?
    # time(1) puts "Command exited with non-zero status N" first when the command fails.
    read -r seconds kb < <(tail -n 1 "$work/time") || { seconds=?; kb=0; }
    local verdict=ok
    if [ "$status" -eq 124 ]; then verdict="HANG (killed after ${limit}s)"
    elif [ "$status" -gt 2 ]; then verdict="CRASH (exit $status)"
    elif [ "$status" -eq 2 ] && [ "$(grep -vc '^harden: warning:' "$work/err")" -ne 1 ]; then verdict="error is not one line"
    fi
    cases=$((cases + 1))
    [ "$verdict" = ok ] || failures=$((failures + 1))
    printf '%-44s %6s %9s %10s  %s\n' "$name" "$status" "$seconds" "$((kb / 1024))" "$verdict"
    [ "$status" -eq 2 ] && echo "    $(grep -v '^harden: warning:' "$work/err" | head -1 | cut -c1-160)"
    return 0
}
cd "$work"
run "100 MB profile: show" show --profiles big big
run "15.5 MB profile (under the limit): show" show --profiles mid mid
run "15.5 MB profile: oci config.json" oci --profiles mid mid -o "$work/config.json" -- /bin/sh
run "million-argument line: check --file" check --file million.txt
run "100,000-deep nesting: profile" show --profiles deep deep
run "100,000-deep nesting: OCI config" check deep-config.json
run "100,000-deep nesting: compose file" check deep-compose.json
run "10,000-long extends chain: show" show --profiles chain p0
run "10,000-long extends chain: validate" validate chain
echo "bounds: $((cases - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
