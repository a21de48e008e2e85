#!/usr/bin/env bash
# Each built-in profile, through docker and podman: what the kernel applies inside the container
# (read from /proc/self/status, id, writes, and the cgroup files) against what `harden show` says
# the profile sets; and, on docker, what `docker inspect` reports.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"
IMAGE=harden-e2e/busybox:1
probe=$(cat "$here/probe.sh")

for engine in docker podman; do
    # The host needs these for podman (see scripts/e2e.sh): runc as runtime, and an explicit nproc
    # rlimit, because without CAP_SYS_RESOURCE podman's inherited default cannot be applied.
    extra=()
    [ "$engine" = podman ] && extra=(--ulimit nproc=1024:1024)
    for profile in web worker db; do
        echo "== $profile on $engine"
        json=$("$HARDEN" show --format json "$profile")
        get() { printf '%s' "$json" | jq -r "$1"; }
        carveouts=$(get '.tmpfs | join(" ")')
        name="harden-e2e-$E2E_RUN-$profile-$engine"
        out=$("$HARDEN" run --engine "$engine" "$profile" --name "$name" "${E2E_LABELS[@]}" "${extra[@]}" \
            "$IMAGE" sh -c "$probe" probe "$carveouts" 2>&1)
        status=$?
        echo "$out" | sed 's/^/    | /'
        expect "exit status" 0 "$status"
        mask=$(get .capabilityMask)
        expect "CapBnd is the profile's capability set" "$mask" "$(field CapBnd "$out")"
        if [ "$engine" = docker ]; then
            # docker gives a non-root process no ambient capabilities: nothing is effective.
            expect "CapEff (non-root, docker)" 0000000000000000 "$(field CapEff "$out")"
        else
            # podman raises added capabilities into the ambient set for a non-root user.
            expect "CapEff (non-root, podman)" "$mask" "$(field CapEff "$out")"
        fi
        expect "NoNewPrivs" "$([ "$(get .noNewPrivileges)" = true ] && echo 1 || echo 0)" "$(field NoNewPrivs "$out")"
        expect "Seccomp (filter mode)" 2 "$(field Seccomp "$out")"
        expect "uid" "$(get .uid)" "$(field uid "$out")"
        expect "gid" "$(get .gid)" "$(field gid "$out")"
        expect "root filesystem mount" "$([ "$(get .readOnlyRootFilesystem)" = true ] && echo read-only || echo writable)" "$(field root "$out")"
        expect "a write to /" refused "$(field rootwrite "$out")"
        for dir in $carveouts; do
            expect "carve-out $dir" writable "$(field "carve:$dir" "$out")"
        done
        expect "cgroup memory limit" "$(get .memoryBytes)" "$(field memory "$out")"
        expect "cgroup memory+swap limit" "$(get .memorySwapBytes)" "$(field memsw "$out")"
        expect "cgroup pids limit" "$(get .pidsLimit)" "$(field pids "$out")"
        expect "cgroup CPU quota" "$(get .cpuQuotaMicros)" "$(field cpuquota "$out")"
        if [ "$engine" = docker ]; then
            inspect=$(docker inspect "$name" --format '{{json .}}')
            ins() { printf '%s' "$inspect" | jq -r "$1"; }
            expect "inspect Memory" "$(get .memoryBytes)" "$(ins .HostConfig.Memory)"
            expect "inspect MemorySwap" "$(get .memorySwapBytes)" "$(ins .HostConfig.MemorySwap)"
            expect "inspect NanoCpus" "$(( $(get .cpuQuotaMicros) * 10000 ))" "$(ins .HostConfig.NanoCpus)"
            expect "inspect PidsLimit" "$(get .pidsLimit)" "$(ins .HostConfig.PidsLimit)"
            expect "inspect ReadonlyRootfs" "$(get .readOnlyRootFilesystem)" "$(ins .HostConfig.ReadonlyRootfs)"
            expect "inspect User" "$(get .user)" "$(ins .Config.User)"
            expect "inspect CapDrop" ALL "$(ins '.HostConfig.CapDrop | join(",")')"
            expect "inspect CapAdd" "$(get '.capabilities | join(",")')" "$(ins '(.HostConfig.CapAdd // []) | map(ltrimstr("CAP_")) | sort | join(",")')"
            expect "inspect no-new-privileges" yes "$(ins '.HostConfig.SecurityOpt // [] | map(select(startswith("no-new-privileges"))) | if length > 0 then "yes" else "no" end')"
        fi
        "$engine" rm -f "$name" >/dev/null 2>&1
    done
done
finish
