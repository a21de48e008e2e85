#!/usr/bin/env bash
# End-to-end: a launch the validator rejects never reaches the engine.
#
# Needs: HARDEN (path to the harden binary), a running dockerd, and the image harden-e2e/busybox:1.
# Each rejected request goes through a real `harden run` (no --dry-run); afterwards `docker ps -a`
# and `docker events` must show nothing created, started or even attempted for it. A control launch
# that harden accepts proves the same checks do see a container when one is created.
# Exit status: 0 when every check holds, 1 otherwise.
set -u

HARDEN=${HARDEN:?set HARDEN to the harden binary}
IMAGE=${HARDEN_E2E_IMAGE:-harden-e2e/busybox:1}
RUN_ID="validator-$$-$RANDOM"
LABEL="harden.e2e.case=$RUN_ID"
PREFIX="harden-e2e-$RUN_ID"
SCRATCH=$(mktemp -d)
failures=0
checked=0

cleanup() {
    docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null 2>&1
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

. "$(dirname "${BASH_SOURCE[0]}")/../tally.sh"
pass() { checked=$((checked + 1)); echo "ok   $*"; tally pass; }
fail() { checked=$((checked + 1)); failures=$((failures + 1)); echo "FAIL $*"; tally fail; }

docker info >/dev/null 2>&1 || { echo "FAIL dockerd is not reachable"; exit 1; }
docker image inspect "$IMAGE" >/dev/null 2>&1 || { echo "FAIL image $IMAGE is missing"; exit 1; }

# A symlink to the socket and a profile that binds /, for the cases that hide the danger.
ln -s /var/run/docker.sock "$SCRATCH/innocent"
mkdir -p "$SCRATCH/profiles"
cat >"$SCRATCH/profiles/ops.json" <<'JSON'
{ "extends": "worker", "volumes": { "/host": { "type": "bind", "source": "/", "readOnly": true } } }
JSON
cat >"$SCRATCH/profiles/policy.json" <<'JSON'
{ "require": ["pinnedImage"], "registries": { "allow": ["registry.acme.internal"] } }
JSON

since=$(date +%s)
sleep 1  # docker events --since has one-second resolution

# name|harden options and profile|docker options (word-split on spaces)
cases=(
    "privileged|web|--privileged"
    "privileged-true|worker|--privileged=true"
    "cap-all-unconfined|worker|--cap-add=all --security-opt seccomp=unconfined"
    "socket-volume|worker|-v /var/run/docker.sock:/var/run/docker.sock:ro"
    "socket-mount-quoted|worker|--mount type=bind,\"src=/var/run/docker.sock\",dst=/s"
    "socket-dir|db|-v /var/run:/host-run"
    "socket-volume-opt|worker|--mount type=volume,dst=/d,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/run"
    "socket-symlink|worker|-v $SCRATCH/innocent:/s"
    "api-socket|worker|--use-api-socket"
    "host-network|web|--network host"
    "host-pid|worker|--pid=host"
    "sys-admin|worker|--cap-add sys_admin"
    "seccomp-old-spelling|worker|--security-opt seccomp:unconfined"
    "etc-bind|worker|-v /etc:/host-etc:ro"
    "device|worker|--device /dev/null:/dev/x"
    "core-pattern|worker|--sysctl kernel.core_pattern=|/bin/sh"
    "profile-binds-root|--profiles $SCRATCH/profiles ops|"
    "policy-registry|--profiles $SCRATCH/profiles worker|"
)

for entry in "${cases[@]}"; do
    IFS='|' read -r name profile options <<<"$entry"
    # shellcheck disable=SC2086  # the options are words on purpose
    stderr=$("$HARDEN" run $profile --name "$PREFIX-$name" --label "$LABEL" $options "$IMAGE" true 2>&1 >/dev/null)
    status=$?
    if [ "$status" -eq 1 ] && { [[ "$stderr" == "harden: refusing to run: "* ]] || [[ "$stderr" == "harden: the profile "*" is rejected: "* ]]; }; then
        pass "$name: refused with exit 1 (${stderr:8:70}...)"
    else
        fail "$name: expected exit 1 and a refusal, got exit $status: $stderr"
    fi
done

# The control: an accepted launch must show up, or the checks below prove nothing.
if "$HARDEN" run worker --name "$PREFIX-control" --label "$LABEL" "$IMAGE" true >/dev/null 2>&1; then
    pass "control: harden run worker $IMAGE true ran"
else
    fail "control: the accepted launch did not run"
fi
sleep 1
until=$(date +%s)

created=$(docker ps -a --filter "label=$LABEL" --format '{{.Names}}' | sort)
if [ "$created" = "$PREFIX-control" ]; then
    pass "docker ps -a: only the control container carries the run's label"
else
    fail "docker ps -a: expected only $PREFIX-control, found: ${created:-nothing}"
fi
by_name=$(docker ps -a --filter "name=$PREFIX" --format '{{.Names}}' | grep -v -- '-control$' || true)
if [ -z "$by_name" ]; then
    pass "docker ps -a: no container named after a refused case"
else
    fail "docker ps -a: containers of refused cases exist: $by_name"
fi

events=$(docker events --since "$since" --until "$until" --filter type=container \
    --format '{{.Action}} {{index .Actor.Attributes "name"}}' | grep -- "$PREFIX" || true)
refused_events=$(printf '%s\n' "$events" | grep -v -- "$PREFIX-control" | grep -v '^$' || true)
control_events=$(printf '%s\n' "$events" | grep -c -- "^create $PREFIX-control" || true)
if [ -z "$refused_events" ]; then
    pass "docker events: no create, start or any other event for a refused case"
else
    fail "docker events for refused cases: $refused_events"
fi
if [ "$control_events" -ge 1 ]; then
    pass "docker events: the control's create event is seen, so the event check is live"
else
    fail "docker events: the control's create event was not seen: $events"
fi

echo "validator e2e: $checked checks, $failures failed"
[ "$failures" -eq 0 ]
