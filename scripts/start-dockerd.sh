#!/usr/bin/env bash
# Start (or reuse) a dockerd suitable for harden's end-to-end tests.
#
# - Reuses a daemon when `docker info` answers within a few seconds.
# - Otherwise starts dockerd in the background, logging to $HARDEN_E2E_DIR/dockerd.log,
#   and waits (bounded) until it answers.
#
# Flags and why:
#   --iptables=false   leave the host's firewall alone (podman's netavark manages it too, and
#                      some CI hosts have no usable iptables); published ports still work
#                      on loopback through the userland proxy (docker-proxy), which dockerd
#                      starts for every `-p 127.0.0.1:HOST:CONTAINER` (userland-proxy=true is
#                      the default; do not turn it off). Containers on the default bridge get
#                      no outbound NAT, which the tests do not need.
#   --storage-driver=vfs   works everywhere (also when /var/lib/docker is itself on overlayfs), at
#                      a price: every `docker create` copies the image file by file (about 0.4 s
#                      for busybox, 1-2 s for the Debian images, 1.5-4.5 s for postgres). Where
#                      /var/lib/docker is on ext4/xfs, DOCKERD_STORAGE_DRIVER=overlay2 cuts that
#                      to ~0.25 s (seen on these hosts). Images are per driver: rerun
#                      build-images.sh after switching (it re-imports from its cached tarballs).
#   --default-ulimit ...   the host lacks CAP_SYS_RESOURCE and its hard nofile limit is 20000;
#                      dockerd's defaults (1048576) would make every container fail to start.
#
# If the daemon answers but its default bridge interface (docker0) is gone -- which happens when
# any other dockerd is started on the host with --bridge=none: it deletes docker0 on startup --
# the interface is recreated with the gateway address of docker's "bridge" network, otherwise
# every container start fails with "could not find bridge docker0".
#
# Environment: HARDEN_E2E_DIR (default /var/tmp/harden-e2e), DOCKERD_WAIT (seconds, default 60),
#              DOCKERD_STORAGE_DRIVER (default vfs).
set -euo pipefail

E2E_DIR=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}
WAIT=${DOCKERD_WAIT:-60}
STORAGE_DRIVER=${DOCKERD_STORAGE_DRIVER:-vfs}
LOG="$E2E_DIR/dockerd.log"

die() { echo "start-dockerd: $*" >&2; exit 1; }

docker_up() { timeout 5 docker info >/dev/null 2>&1; }

ensure_bridge() {
    local name subnet gw net bits
    name=$(docker network inspect bridge \
        -f '{{ index .Options "com.docker.network.bridge.name" }}' 2>/dev/null) || return 0
    [ -n "$name" ] && [ "$name" != "<no value>" ] || return 0
    ip link show "$name" >/dev/null 2>&1 && return 0
    subnet=$(docker network inspect bridge -f '{{ range .IPAM.Config }}{{ .Subnet }}{{ end }}')
    gw=$(docker network inspect bridge -f '{{ range .IPAM.Config }}{{ .Gateway }}{{ end }}')
    case "$subnet" in */*) ;; *) die "bridge $name is missing and its subnet is unknown" ;; esac
    net=${subnet%/*}
    bits=${subnet#*/}
    [ -n "$gw" ] || gw="${net%.*}.$((${net##*.} + 1))"
    if ! { ip link add "$name" type bridge && ip addr add "$gw/$bits" dev "$name" &&
        ip link set "$name" up; }; then
        die "bridge $name is missing and could not be recreated"
    fi
    echo "start-dockerd: recreated missing bridge $name ($gw/$bits)" >&2
}

command -v docker >/dev/null 2>&1 || die "docker CLI not found (run scripts/install-deps.sh)"

if docker_up; then
    ensure_bridge
    exit 0
fi

command -v dockerd >/dev/null 2>&1 || die "dockerd not found (run scripts/install-deps.sh)"
[ "$(id -u)" -eq 0 ] || die "must run as root to start dockerd"

mkdir -p "$E2E_DIR"

# A dockerd that is still starting (or hung) owns the pid file: do not start a second one.
if [ -S /var/run/docker.sock ] && pgrep -x dockerd >/dev/null 2>&1; then
    echo "start-dockerd: dockerd is running but not answering yet; waiting" >&2
else
    # Stale socket/pid from a killed daemon would make the new one refuse to start.
    if ! pgrep -x dockerd >/dev/null 2>&1; then
        rm -f /var/run/docker.pid /var/run/docker.sock
    fi
    nohup dockerd \
        --iptables=false \
        --storage-driver="$STORAGE_DRIVER" \
        --default-ulimit nofile=1024:1024 \
        --default-ulimit nproc=4096:4096 \
        >>"$LOG" 2>&1 </dev/null &
    disown || true
fi

deadline=$((SECONDS + WAIT))
while [ "$SECONDS" -lt "$deadline" ]; do
    if docker_up; then
        ensure_bridge
        exit 0
    fi
    sleep 1
done

echo "start-dockerd: dockerd did not answer within ${WAIT}s; last lines of $LOG:" >&2
tail -n 30 "$LOG" >&2 || true
exit 1
