#!/usr/bin/env bash
# Install the host tools harden's end-to-end tests use (Debian bookworm, root).
#
# Fast path: when every needed command is already present, no apt call is made.
# With CI=true a command still missing after the install is an error (exit 1, naming it);
# otherwise it is a warning.
#
# Environment: HARDEN_E2E_DIR (default /var/tmp/harden-e2e) for the apt log.
set -euo pipefail

E2E_DIR=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}
LOG="$E2E_DIR/install-deps.log"

die() { echo "install-deps: $*" >&2; exit 1; }

# command-or-check : Debian package
REQUIRED=(
    "runc:runc"
    "crun:crun"
    "dockerd:docker.io"
    "docker:docker.io"
    "containerd:containerd"
    "podman:podman"
    "docker-compose:docker-compose"
    "debootstrap:debootstrap"
    "@busybox-static:busybox-static"
    "scmp_sys_resolver:seccomp"
    "curl:curl"
    "hyperfine:hyperfine"
    "ip:iproute2"
    "@ca-certificates:ca-certificates"
    "psql:postgresql-client"
    "redis-cli:redis-tools"
    "python3:python3"
    "@python3-yaml:python3-yaml"
    "jq:jq"
    "tar:tar"
    "kubectl:kubernetes-client"
    "perl:perl"
)

# A name starting with @ is a check that is not a plain `command -v`.
present() {
    case "$1" in
        @busybox-static)
            # build-images.sh copies /bin/busybox into a bare rootfs: it must be the static one.
            [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 ;;
        @ca-certificates)
            [ -s /etc/ssl/certs/ca-certificates.crt ] ;;
        @python3-yaml)
            # Benchmarks/run.sh compares the YAML reader with PyYAML's C loader (libyaml).
            python3 -c 'import yaml; yaml.CSafeLoader' >/dev/null 2>&1 ;;
        *)
            command -v "$1" >/dev/null 2>&1 ;;
    esac
}

missing_cmds=()
missing_pkgs=()
for entry in "${REQUIRED[@]}"; do
    cmd=${entry%%:*}
    pkg=${entry#*:}
    if ! present "$cmd"; then
        missing_cmds+=("${cmd#@}")
        case " ${missing_pkgs[*]-} " in *" $pkg "*) ;; *) missing_pkgs+=("$pkg") ;; esac
    fi
done

if [ "${#missing_pkgs[@]}" -eq 0 ]; then
    exit 0
fi

[ "$(id -u)" -eq 0 ] || die "must run as root to install: ${missing_pkgs[*]}"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: ${missing_pkgs[*]}"

mkdir -p "$E2E_DIR"
export DEBIAN_FRONTEND=noninteractive

# Install the full list, not only what is missing: it is one transaction either way and
# keeps the set of tools the same on every host.
ALL_PKGS=(runc crun docker.io containerd podman docker-compose debootstrap busybox-static
          seccomp curl hyperfine iproute2 ca-certificates postgresql-client redis-tools
          python3 python3-venv jq tar perl)

if ! apt-get update -q >"$LOG" 2>&1; then
    tail -n 20 "$LOG" >&2
    die "apt-get update failed (log: $LOG)"
fi
if ! apt-get install -y -q --no-install-recommends "${ALL_PKGS[@]}" >>"$LOG" 2>&1; then
    tail -n 20 "$LOG" >&2
    die "apt-get install failed (log: $LOG)"
fi

# kubectl (the secrets case builds a Secret offline with it): machine images of this kind ship one;
# elsewhere Debian's kubernetes-client provides it. Installed only when absent, since both own
# /usr/bin/kubectl.
if ! command -v kubectl >/dev/null 2>&1; then
    if ! apt-get install -y -q --no-install-recommends kubernetes-client >>"$LOG" 2>&1; then
        tail -n 20 "$LOG" >&2
        die "apt-get install kubernetes-client failed (log: $LOG)"
    fi
fi

still_missing=()
for entry in "${REQUIRED[@]}"; do
    cmd=${entry%%:*}
    present "$cmd" || still_missing+=("${cmd#@}")
done
if [ "${#still_missing[@]}" -gt 0 ]; then
    if [ "${CI:-}" = "true" ]; then
        die "still missing after install: ${still_missing[*]}"
    fi
    echo "install-deps: warning: still missing after install: ${still_missing[*]}" >&2
fi
