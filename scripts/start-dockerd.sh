#!/usr/bin/env bash
# Start (or reuse) a dockerd suitable for harden's end-to-end tests.
#
# - Reuses a daemon when `docker info` answers within a few seconds.
# - Otherwise starts dockerd in the background, logging to $HARDEN_E2E_DIR/dockerd.log,
#   and waits (bounded) until it answers.
#
# Flags and why:
#   --iptables=false   the test hosts have no usable iptables/nat; published ports still work
#                      on loopback through the userland proxy (docker-proxy), which dockerd
#                      starts for every `-p 127.0.0.1:HOST:CONTAINER` (userland-proxy=true is
#                      the default; do not turn it off). Containers on the default bridge get
#                      no outbound NAT, which the tests do not need.
#   --storage-driver=vfs   no overlayfs-in-overlayfs on these hosts; vfs always works (slower,
#                      more disk: every layer is a full copy).
#   --default-ulimit ...   the host lacks CAP_SYS_RESOURCE and its hard nofile limit is 20000;
#                      dockerd's defaults (1048576) would make every container fail to start.
#
# Environment: HARDEN_E2E_DIR (default /var/tmp/harden-e2e), DOCKERD_WAIT (seconds, default 60).
set -euo pipefail

E2E_DIR=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}
WAIT=${DOCKERD_WAIT:-60}
LOG="$E2E_DIR/dockerd.log"

die() { echo "start-dockerd: $*" >&2; exit 1; }

docker_up() { timeout 5 docker info >/dev/null 2>&1; }

command -v docker >/dev/null 2>&1 || die "docker CLI not found (run scripts/install-deps.sh)"

if docker_up; then
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
        --storage-driver=vfs \
        --default-ulimit nofile=1024:1024 \
        --default-ulimit nproc=4096:4096 \
        >>"$LOG" 2>&1 </dev/null &
    disown || true
fi

deadline=$((SECONDS + WAIT))
while [ "$SECONDS" -lt "$deadline" ]; do
    if docker_up; then
        exit 0
    fi
    sleep 1
done

echo "start-dockerd: dockerd did not answer within ${WAIT}s; last lines of $LOG:" >&2
tail -n 30 "$LOG" >&2 || true
exit 1
