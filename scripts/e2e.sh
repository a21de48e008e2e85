#!/usr/bin/env bash
# The end-to-end suite against the real engines. As root on Debian bookworm it:
#   1. installs what it needs from Debian's packages (scripts/install-deps.sh),
#   2. starts dockerd, or reuses one that answers (scripts/start-dockerd.sh),
#   3. builds the test images without a registry, cached under /var/tmp/harden-e2e (scripts/build-images.sh),
#   4. builds harden and runs every case in Tests/EndToEnd/cases (E2E_CASES="a b" runs a subset),
#   5. removes every container and volume it created.
# Any missing component is a failure, never a skip. Ends with one line: "e2e: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

die() { echo "e2e: $*" >&2; echo "e2e: 0 passed, 1 failed"; exit 1; }
[ "$(id -u)" -eq 0 ] || die "the end-to-end suite needs root (dockerd, runc, debootstrap)"

started=$SECONDS
bash scripts/install-deps.sh || die "installing dependencies failed"
bash scripts/start-dockerd.sh || die "dockerd did not start"
bash scripts/build-images.sh || die "building the test images failed"
echo "e2e: tools, dockerd and images ready after $((SECONDS - started))s"

swift build >/dev/null || die "swift build failed"
export HARDEN
HARDEN="$(swift build --show-bin-path)/harden"
[ -x "$HARDEN" ] || die "no harden binary at $HARDEN"

# podman on these hosts: runc (crun refuses hybrid cgroups). Kept in our own file so the host's
# containers.conf is left alone.
export CONTAINERS_CONF=/var/tmp/harden-e2e/containers.conf
mkdir -p /var/tmp/harden-e2e
cat >"$CONTAINERS_CONF" <<'CONF'
[engine]
runtime = "runc"
CONF

export E2E_RUN="run$$"
export E2E_RESULTS
E2E_RESULTS=$(mktemp)
cleanup() { HARDEN_E2E_RUN="$E2E_RUN" bash "$root/scripts/cleanup-e2e.sh" || true; rm -f "$E2E_RESULTS"; }
trap cleanup EXIT

cases=${E2E_CASES:-"validator enforcement workloads mounts cis seccomp oci compose composefrom k8s secrets doctor broker runtimes learn"}
for name in $cases; do
    script="Tests/EndToEnd/cases/$name.sh"
    [ -f "$script" ] || { echo "FAIL no such case: $script"; echo fail >>"$E2E_RESULTS"; continue; }
    echo "=== case $name"
    before=$(wc -l <"$E2E_RESULTS")
    case_started=$SECONDS
    bash "$script"
    status=$?
    after=$(wc -l <"$E2E_RESULTS")
    # Cases that do not use lib.sh count as one check, by their exit status; a lib.sh case that
    # failed without recording a failure (it crashed) counts one more.
    if [ "$after" -eq "$before" ] || { [ "$status" -ne 0 ] && ! tail -n "$((after - before))" "$E2E_RESULTS" | grep -q fail; }; then
        if [ "$status" -eq 0 ]; then echo pass >>"$E2E_RESULTS"; else echo fail >>"$E2E_RESULTS"; fi
    fi
    echo "=== case $name: exit $status in $((SECONDS - case_started))s"
done

passed=$(grep -c '^pass$' "$E2E_RESULTS")
failed=$(grep -c '^fail$' "$E2E_RESULTS")
echo "e2e: total time $((SECONDS - started))s"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
