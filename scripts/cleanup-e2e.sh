#!/usr/bin/env bash
# Remove what harden's end-to-end tests leave behind.
#
#   cleanup-e2e.sh         containers, volumes and networks labelled harden-e2e=1 (docker and
#                          podman; every container of a harden-e2e/* image inherits the label), and
#                          temporary directories under $HARDEN_E2E_DIR/tmp.
#   cleanup-e2e.sh --all   also the harden-e2e/* images and the cached rootfs tarballs and .debs,
#                          so the next build-images.sh starts from scratch.
#
# With HARDEN_E2E_RUN=ID only objects also labelled harden-e2e.run=ID are removed (for test runs
# sharing one daemon); --all ignores it for images and caches.
#
# Environment: HARDEN_E2E_DIR (default /var/tmp/harden-e2e).
set -euo pipefail

E2E_DIR=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}

die() { echo "cleanup-e2e: $*" >&2; exit 1; }

ALL=0
for arg in "$@"; do
    case "$arg" in
        --all) ALL=1 ;;
        -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $arg (usage: cleanup-e2e.sh [--all])" ;;
    esac
done

FILTERS=(--filter label=harden-e2e=1)
[ -n "${HARDEN_E2E_RUN:-}" ] && FILTERS+=(--filter "label=harden-e2e.run=$HARDEN_E2E_RUN")

failures=()

clean_engine() {
    local engine=$1 ids
    case "$engine" in
        docker) timeout 10 docker info >/dev/null 2>&1 || return 0 ;;
        podman) command -v podman >/dev/null 2>&1 || return 0 ;;
    esac
    ids=$("$engine" ps -aq "${FILTERS[@]}" 2>/dev/null) || true
    if [ -n "$ids" ]; then
        # podman rm -f otherwise waits the 10 s stop timeout for each running container.
        local now=()
        [ "$engine" = podman ] && now=(-t 0)
        # shellcheck disable=SC2086
        "$engine" rm -f -v "${now[@]}" $ids >/dev/null 2>&1 || failures+=("$engine containers")
    fi
    ids=$("$engine" volume ls -q "${FILTERS[@]}" 2>/dev/null) || true
    if [ -n "$ids" ]; then
        # shellcheck disable=SC2086
        "$engine" volume rm -f $ids >/dev/null 2>&1 || failures+=("$engine volumes")
    fi
    ids=$("$engine" network ls -q "${FILTERS[@]}" 2>/dev/null) || true
    if [ -n "$ids" ]; then
        # shellcheck disable=SC2086
        "$engine" network rm $ids >/dev/null 2>&1 || failures+=("$engine networks")
    fi
    if [ "$ALL" = 1 ]; then
        # By reference, not by ID: an ID would also take other tags of the same image with it.
        ids=$("$engine" images --format '{{ .Repository }}:{{ .Tag }}' \
            --filter 'reference=harden-e2e/*' 2>/dev/null | sort -u) || true
        if [ -n "$ids" ]; then
            # shellcheck disable=SC2086
            "$engine" rmi -f $ids >/dev/null 2>&1 || failures+=("$engine images")
        fi
    fi
}

clean_engine docker
clean_engine podman

# Never rm -rf through a mount (a crashed build leaves a tmpfs, /proc or /sys mounted there).
unmount_under() {
    local dir=$1
    [ -d "$dir" ] || return 0
    dir=$(cd "$dir" && pwd -P)
    awk -v d="$dir" 'index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r |
        while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

if [ -d "$E2E_DIR/tmp" ]; then
    unmount_under "$E2E_DIR/tmp"
    find "$E2E_DIR/tmp" -mindepth 1 -maxdepth 1 -exec rm -rf {} + || failures+=("$E2E_DIR/tmp")
fi

if [ "$ALL" = 1 ]; then
    unmount_under "$E2E_DIR/cache"
    rm -rf "$E2E_DIR/cache" "$E2E_DIR/logs" || failures+=("$E2E_DIR/cache")
fi

if [ "${#failures[@]}" -gt 0 ]; then
    die "could not remove: ${failures[*]}"
fi
