#!/usr/bin/env bash
# Runs two harden binaries over the same inputs and diffs everything they print and write:
# the check that a refactoring changed no output. Usage: scripts/compare-outputs.sh OLD NEW [OUT]
# Inputs: every built-in profile through every door, with and without a wide set of user options,
# the repository's OCI and compose fixtures through `check`, and a generated list of docker lines.
set -uo pipefail
old=$(realpath "$1") new=$(realpath "$2") out=${3:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out/old" "$out/new"
lines=$out/lines.txt
[ -s "$lines" ] || python3 "$root/Benchmarks/gen-docker-lines.py" "$lines" 20000 >/dev/null

options=(
  ""
  "--name web-1 --rm -d --label a=b --hostname h1 -w /srv --env-file ./app.env"
  "--tmpfs /scratch:size=64m,uid=1000,mode=1777 -p 8080:80 --restart on-failure:3 --security-opt apparmor=docker-default"
  "--cpu-shares 512 --cpuset-cpus 0-1 --memory-reservation 256m --memory-swappiness 10 --oom-score-adj 5 --group-add 10"
  "--add-host db.local:10.0.0.5 --pull never --init -t -i --stop-signal SIGINT --stop-timeout 20"
  "--device-cgroup-rule c:10:229:rw --security-opt label=type:svirt_t --log-driver none --dns 1.1.1.1"
  "--mount type=volume,src=v,dst=/v,volume-driver=local --volumes-from other --publish-all"
)
run() {  # name, then the command after the binary; both run in the same directory, one after the other
  local name=$1; shift
  for side in old new; do
    local bin=$old; [ $side = new ] && bin=$new
    rm -rf "$out/work" && mkdir -p "$out/work"
    (cd "$out/work" && printf 'A=1\n' >app.env && HOME=/nonexistent "$bin" "$@" >"$name.out" 2>"$name.err"; echo "rc=$?" >>"$name.out")
    rm -f "$out/work/app.env"
    cp -r "$out/work/." "$out/$side/"
  done
}
i=0
for profile in base db web worker; do
  for opts in "${options[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    set -- ${opts//c:10:229:rw/}
    extra=("$@"); [[ $opts == *c:10:229:rw* ]] && extra+=(--device-cgroup-rule "c 10:229 rw")
    run "$profile.$i.run" run "$profile" --dry-run "${extra[@]}" -- img:1 sh -c 'echo hi'
    run "$profile.$i.oci" oci "$profile" -o "oci.$profile.$i.json" "${extra[@]}" -- /bin/sh
    run "$profile.$i.compose" compose "$profile" --service app "${extra[@]}" -- img:1
    run "$profile.$i.pod" k8s "$profile" --name app --kind pod "${extra[@]}" -- img:1
    run "$profile.$i.deploy" k8s "$profile" --name app --kind deployment "${extra[@]}" -- img:1
  done
  run "$profile.show" show "$profile"
  run "$profile.seccomp" seccomp "$profile"
done
for file in "$root"/Tests/HardenKitTests/Fixtures/bypass/oci/configs/* "$root"/Examples/*.json "$root"/Examples/*/*.json; do
  [ -f "$file" ] || continue
  run "check.$(basename "$(dirname "$file")").$(basename "$file")" check "$file"
done
[ -s "$lines" ] && run check.lines check --file "$lines"
run rules rules
run help help
if diff -r "$out/old" "$out/new" >"$out/diff.txt"; then
  echo "compare-outputs: identical ($(find "$out/old" -type f | wc -l) files) in $out"
else
  echo "compare-outputs: differences in $out/diff.txt ($(grep -c '^diff' "$out/diff.txt") files)"
  exit 1
fi
