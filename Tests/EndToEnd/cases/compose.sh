#!/usr/bin/env bash
# End-to-end: each built-in's compose fragment, run by docker-compose against the real dockerd,
# gives its container the same state as `harden run` with the same profile and options.
#
# Needs: HARDEN (path to the harden binary), a running dockerd, docker-compose (Debian's 1.29),
# and the image harden-e2e/busybox:1. For each built-in the same probe runs twice, once under
# `harden run` and once as a service of one compose project assembled from the three fragments
# with `docker-compose -f web.yml -f worker.yml -f db.yml` (the way the docs tell teams to combine
# them). Compared: what the probe reads inside (/proc/self/status CapEff, NoNewPrivs, Seccomp; id;
# whether / is writable; cgroup v1 memory, swap, pids and CPU limits; nofile; tmpfs mounts and their
# owners; an environment value holding a `$`) and what dockerd recorded for each container. Each
# fragment is also checked against the compose-spec schema when HARDEN_COMPOSE_SCHEMA_CHECK names a
# checker; the suite needs nothing outside the repository.
# Exit status: 0 when every check holds, 1 otherwise. Everything created is removed on exit.
set -u

HARDEN=${HARDEN:?set HARDEN to the harden binary}
# Absolute, because the fragments are written and run from the scratch directory (below).
case "$HARDEN" in */*) HARDEN=$(cd "$(dirname "$HARDEN")" && pwd)/$(basename "$HARDEN") ;; esac
IMAGE=${HARDEN_E2E_IMAGE:-harden-e2e/busybox:1}
COMPOSE=${HARDEN_E2E_COMPOSE:-docker-compose}
HERE=$(cd "$(dirname "$0")" && pwd)
SCHEMA_CHECK=${HARDEN_COMPOSE_SCHEMA_CHECK:-}
RUN_ID="compose-$$-$RANDOM"
LABEL="harden.e2e.case=$RUN_ID"
PREFIX="harden-e2e-$RUN_ID"
PROJECT="hardene2e$$$RANDOM"
VOLUME="$PREFIX-data"
SCRATCH=$(mktemp -d)
PROFILES=(web worker db)
failures=0
checked=0

compose_files() { for p in "${PROFILES[@]}"; do [ -f "$SCRATCH/$p.yml" ] && printf -- '-f\n%s\n' "$SCRATCH/$p.yml"; done; }

cleanup() {
    mapfile -t files < <(compose_files)
    if [ "${#files[@]}" -gt 0 ]; then
        (cd "$SCRATCH" && "$COMPOSE" -p "$PROJECT" "${files[@]}" down -v --remove-orphans >/dev/null 2>&1)
    fi
    docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null 2>&1
    docker volume rm -f "$VOLUME" >/dev/null 2>&1
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

. "$(dirname "${BASH_SOURCE[0]}")/../tally.sh"
pass() { checked=$((checked + 1)); echo "ok   $*"; tally pass; }
fail() { checked=$((checked + 1)); failures=$((failures + 1)); echo "FAIL $*"; tally fail; }

docker info >/dev/null 2>&1 || { echo "FAIL dockerd is not reachable"; exit 1; }
docker image inspect "$IMAGE" >/dev/null 2>&1 || { echo "FAIL image $IMAGE is missing"; exit 1; }
command -v "$COMPOSE" >/dev/null 2>&1 || { echo "FAIL $COMPOSE is not installed"; exit 1; }
echo "using $("$COMPOSE" version --short 2>/dev/null || "$COMPOSE" version | head -1)"
# harden compose writes a generated seccomp profile below the directory it runs in, and compose
# reads it from the directory it runs in: both run here.
cd "$SCRATCH" || exit 1

# What the container sees. Lines are compared as a whole, so each names what it reads.
read -r -d '' PROBE <<'SH'
grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status
echo "id=$(id)"
if { echo x >/probe-root; } 2>/dev/null; then echo "root=writable"; else echo "root=read-only"; fi
echo "memory.limit_in_bytes=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)"
echo "memory.memsw.limit_in_bytes=$(cat /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes 2>/dev/null || echo none)"
echo "pids.max=$(cat /sys/fs/cgroup/pids/pids.max)"
echo "cpu.cfs_quota_us=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) cpu.cfs_period_us=$(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"
echo "nofile=$(ulimit -n)"
awk '$3 == "tmpfs" { print "tmpfs " $2 " " $4 }' /proc/mounts | sort
for dir in $(awk '$3 == "tmpfs" { print $2 }' /proc/mounts | sort); do echo "owner $(ls -ldn "$dir" | awk '{ print $1, $3, $4 }') $dir"; done
echo "E2E_VALUE=${E2E_VALUE-unset}"
SH

# What dockerd recorded, field by field (NetworkMode and names differ by design and are left out).
# The docker 28 CLI sends capabilities as CAP_NAME and compose 1.29 as NAME; dockerd treats both
# alike, so `inspect` strips the prefix before comparing.
INSPECT='CapAdd={{json .HostConfig.CapAdd}}
CapDrop={{json .HostConfig.CapDrop}}
SecurityOpt={{json .HostConfig.SecurityOpt}}
Privileged={{.HostConfig.Privileged}}
ReadonlyRootfs={{.HostConfig.ReadonlyRootfs}}
User={{.Config.User}}
Tmpfs={{json .HostConfig.Tmpfs}}
Memory={{.HostConfig.Memory}}
MemorySwap={{.HostConfig.MemorySwap}}
NanoCpus={{.HostConfig.NanoCpus}}
PidsLimit={{json .HostConfig.PidsLimit}}
ShmSize={{.HostConfig.ShmSize}}
Ulimits={{json .HostConfig.Ulimits}}
RestartPolicy={{json .HostConfig.RestartPolicy}}
PortBindings={{json .HostConfig.PortBindings}}
Mounts={{range .Mounts}}{{.Type}}:{{.Name}}:{{.Destination}}:{{.RW}} {{end}}'

# A seccomp profile reaches dockerd as its JSON text, which the docker CLI sends as written and
# compose 1.29 re-serialises; both are replaced by a hash of the parsed JSON.
inspect() {
    docker inspect --format "$INSPECT" "$1" | sed 's/"CAP_/"/g' | python3 -c '
import hashlib, json, sys
for line in sys.stdin.read().splitlines():
    if line.startswith("SecurityOpt=") and line != "SecurityOpt=null":
        options = []
        for option in json.loads(line[len("SecurityOpt="):]):
            if option.startswith("seccomp=") and option[8:].lstrip().startswith("{"):
                canonical = json.dumps(json.loads(option[8:]), sort_keys=True).encode()
                option = "seccomp=sha256:" + hashlib.sha256(canonical).hexdigest()[:16]
            options.append(option)
        line = "SecurityOpt=" + json.dumps(options)
    print(line)'
}

# profile|docker run options (word-split on spaces). The environment value carries a `$`, which
# harden run passes as it is and the fragment must write as `$$`.
cases=(
    "web|-p 80 -e E2E_VALUE=price\$5"
    "worker|"
    "db|-v $VOLUME:/var/lib/data"
)

declare -A run_state run_inspect
for entry in "${cases[@]}"; do
    IFS='|' read -r profile options <<<"$entry"
    # shellcheck disable=SC2086  # the options are words on purpose
    if ! run_state[$profile]=$("$HARDEN" run "$profile" --name "$PREFIX-run-$profile" --label "$LABEL" $options "$IMAGE" sh -c "$PROBE" 2>"$SCRATCH/$profile.run.err"); then
        fail "$profile: harden run failed: $(cat "$SCRATCH/$profile.run.err")"
        continue
    fi
    run_inspect[$profile]=$(inspect "$PREFIX-run-$profile")
    # shellcheck disable=SC2086
    if "$HARDEN" compose "$profile" --service "$profile" --label "$LABEL" $options "$IMAGE" sh -c "$PROBE" >"$SCRATCH/$profile.yml" 2>"$SCRATCH/$profile.notes"; then
        pass "$profile: harden compose wrote the fragment ($(wc -l <"$SCRATCH/$profile.yml") lines)"
        sed 's/^/     stderr: /' "$SCRATCH/$profile.notes"
    else
        fail "$profile: harden compose failed: $(cat "$SCRATCH/$profile.notes")"
        rm -f "$SCRATCH/$profile.yml"
    fi
done

if [ -x "$SCHEMA_CHECK" ]; then
    for profile in "${PROFILES[@]}"; do
        [ -f "$SCRATCH/$profile.yml" ] || continue
        if verdict=$("$SCHEMA_CHECK" "$SCRATCH/$profile.yml" 2>&1); then
            pass "$profile: the fragment is valid against the compose-spec schema"
        else
            fail "$profile: compose-spec schema: $verdict"
        fi
    done
else
    echo "no compose-spec schema check: set HARDEN_COMPOSE_SCHEMA_CHECK to a checker to add one"
fi

mapfile -t files < <(compose_files)
[ "${#files[@]}" -gt 0 ] || { echo "compose e2e: no fragment was written"; exit 1; }
services=$("$COMPOSE" -p "$PROJECT" "${files[@]}" config --services 2>&1 | sort | tr '\n' ' ')
if [ "$services" = "db web worker " ]; then
    pass "docker-compose -f web.yml -f worker.yml -f db.yml config: one project with services $services"
else
    fail "the merged fragments give services: $services"
fi
if ! up=$("$COMPOSE" -p "$PROJECT" "${files[@]}" up -d 2>&1); then
    fail "docker-compose up: $up"
    echo "compose e2e: $checked checks, $failures failed"
    exit 1
fi

for profile in "${PROFILES[@]}"; do
    [ -n "${run_state[$profile]-}" ] && [ -f "$SCRATCH/$profile.yml" ] || continue
    container=$("$COMPOSE" -p "$PROJECT" "${files[@]}" ps -q "$profile")
    status=$(docker wait "$container")
    compose_state=$(docker logs "$container" 2>&1)
    compose_inspect=$(inspect "$container")
    echo "---- $profile: read inside under harden run, then under docker-compose (exit $status)"
    # shellcheck disable=SC2001
    echo "${run_state[$profile]}" | sed 's/^/     run:     /'
    if [ "$compose_state" = "${run_state[$profile]}" ]; then
        echo "     compose: (the same)"
        pass "$profile: the same capabilities, NoNewPrivs, Seccomp, uid, read-only root, limits, tmpfs and environment inside"
    else
        diff <(echo "${run_state[$profile]}") <(echo "$compose_state") | sed 's/^/     /'
        fail "$profile: the container's state differs under docker-compose (< run, > compose)"
    fi
    if [ "$compose_inspect" = "${run_inspect[$profile]}" ]; then
        pass "$profile: dockerd recorded the same HostConfig for both ($(echo "$compose_inspect" | tr '\n' ' ' | cut -c1-150)...)"
    else
        diff <(echo "${run_inspect[$profile]}") <(echo "$compose_inspect") | sed 's/^/     /'
        fail "$profile: dockerd's HostConfig differs (< run, > compose)"
    fi
done

echo "---- booleans as compose reads them: \"yes\" is true"
# compose casts a boolean written as a string ("yes", "on", "true", any case); docker-compose asks
# dockerd for a privileged container, and harden check, reading the same file, refuses it.
spelt="$SCRATCH/spelt-boolean"
mkdir -p "$spelt"
printf '{"services": {"app": {"image": "%s", "privileged": "yes", "command": ["true"]}}}\n' "$IMAGE" >"$spelt/compose.json"
if config=$(cd "$spelt" && "$COMPOSE" -f compose.json config 2>&1) && printf '%s\n' "$config" | grep -q "privileged: true"; then
    pass "docker-compose reads privileged: \"yes\" as privileged: true"
else
    fail "docker-compose config on privileged: \"yes\": $config"
fi
audit=$("$HARDEN" check "$spelt/compose.json" 2>&1)
status=$?
case "$status:$audit" in
    1:*"error privileged"*) pass "harden check refuses privileged: \"yes\" as privileged (exit 1)" ;;
    *) fail "harden check on privileged: \"yes\": exit $status: $audit" ;;
esac

echo "compose e2e: $checked checks, $failures failed"
[ "$failures" -eq 0 ]
