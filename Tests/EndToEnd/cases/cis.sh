#!/usr/bin/env bash
# CIS Docker Benchmark section 5: every automated container-runtime item a launcher controls,
# read from `docker inspect` of containers `harden run` starts with each built-in profile.
# Items left to the user are listed in the README ("CIS Docker Benchmark").
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"

sensitive='^/(|etc|proc|sys|dev|boot|lib/modules|usr|root|var/lib/docker|var/lib/containerd|var/lib/kubelet)(/.*)?$'
port=18090
for profile in web worker db; do
    echo "== CIS section 5 for $profile"
    name="harden-e2e-$E2E_RUN-cis-$profile"
    port=$((port + 1))
    "$HARDEN" run "$profile" -d --name "$name" "${E2E_LABELS[@]}" -p "$port:8080" harden-e2e/busybox:1 sleep 300 >/dev/null
    i=$(docker inspect "$name" --format '{{json .}}')
    q() { printf '%s' "$i" | jq -r "$1"; }
    expect "5.3 capabilities restricted (CapDrop ALL)" ALL "$(q '.HostConfig.CapDrop | join(",")')"
    expect "5.4 not privileged" false "$(q .HostConfig.Privileged)"
    expect "5.5 no sensitive host directory mounted" none "$(q '[.Mounts[] | select(.Type == "bind") | .Source] | join(",")' | grep -E "$sensitive" || echo none)"
    expect "5.9 host network namespace not shared" no "$(q 'if .HostConfig.NetworkMode == "host" then "yes" else "no" end')"
    expect "5.10 memory limited" yes "$(q 'if .HostConfig.Memory > 0 then "yes" else "no" end')"
    expect "5.11 CPU limited" yes "$(q 'if (.HostConfig.NanoCpus > 0 or .HostConfig.CpuQuota > 0 or .HostConfig.CpuShares > 0) then "yes" else "no" end')"
    expect "5.12 root filesystem read-only" true "$(q .HostConfig.ReadonlyRootfs)"
    expect "5.13 ports bound to a specific interface" 127.0.0.1 "$(q '[.HostConfig.PortBindings[][] | .HostIp] | unique | join(",")')"
    expect "5.14 restart policy on-failure" on-failure "$(q .HostConfig.RestartPolicy.Name)"
    expect "5.14 at most 5 retries" yes "$(q 'if .HostConfig.RestartPolicy.MaximumRetryCount <= 5 then "yes" else "no" end')"
    expect "5.15 host PID namespace not shared" no "$(q 'if .HostConfig.PidMode == "host" then "yes" else "no" end')"
    expect "5.16 host IPC namespace not shared" no "$(q 'if .HostConfig.IpcMode == "host" then "yes" else "no" end')"
    expect "5.17 no host devices" 0 "$(q '.HostConfig.Devices // [] | length')"
    expect "5.19 mount propagation not shared" none "$(q '[.Mounts[] | select(.Propagation == "shared" or .Propagation == "rshared")] | if length == 0 then "none" else map(.Destination) | join(",") end')"
    expect "5.20 host UTS namespace not shared" no "$(q 'if .HostConfig.UTSMode == "host" then "yes" else "no" end')"
    expect "5.21 seccomp not disabled" no "$(q '.HostConfig.SecurityOpt // [] | map(select(test("seccomp[=:]unconfined"))) | if length > 0 then "yes" else "no" end')"
    expect "5.25 no-new-privileges" yes "$(q '.HostConfig.SecurityOpt // [] | map(select(startswith("no-new-privileges") and (endswith("false") | not))) | if length > 0 then "yes" else "no" end')"
    expect "5.28 PIDs limit" yes "$(q 'if (.HostConfig.PidsLimit // 0) > 0 then "yes" else "no" end')"
    expect "5.30 host user namespace not shared" no "$(q 'if .HostConfig.UsernsMode == "host" then "yes" else "no" end')"
    expect "5.31 no container runtime socket mounted" none "$(q '[.Mounts[] | .Source | select(test("(docker|containerd|crio|podman|dockershim|buildkitd|cri-dockerd)\\.sock$"))] | if length == 0 then "none" else join(",") end')"
    docker rm -f "$name" >/dev/null 2>&1
done
finish
