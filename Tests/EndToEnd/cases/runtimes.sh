#!/usr/bin/env bash
# The runtime matrix: real language runtimes and servers, each under the built-in profile of its
# kind, on docker, podman and runc (a bundle from `harden oci`), each with a functional check.
#
#   web:    node (HTTP server taking an upload, fsync), a JVM (com.sun.net.httpserver, fsync),
#           a static Go binary (net/http, fsync), php-fpm (a FastCGI request writing a session
#           file with fsync), sqlite3 (rollback journal and WAL), nginx (GET / on port 80 as
#           uid 65532 with no capability at all)
#   worker: ruby (files with fsync, JSON, zlib, threads, fork, a subprocess, sockets), python3
#   db:     redis (PING, SET/GET), postgres (initdb, start, SELECT over the socket)
#
# Each program is its own client (harden-e2e/runtimes:1, built by scripts/build-images.sh), so
# the same check runs on every engine, a bare runc bundle included (loopback only). They print
# "NAME ok". What each needed from the filters is recorded in docs/seccomp.md.
#
# RUNTIMES_ENGINES="podman" runs the matrix on a subset of the engines.
# Then `harden run web` on docker: CapEff and CapBnd 0, and nginx serving on port 80 from outside.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"
E2E_DIR=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/harden-e2e-runtimes.XXXXXX")
prefix="harden-e2e-$E2E_RUN-rt"
runc_ids=()
cleanup() {
    for id in "${runc_ids[@]}"; do runc delete -f "$id" >/dev/null 2>&1; done
    docker rm -f "$prefix-nginx" >/dev/null 2>&1
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

for tool in docker podman runc jq; do
    command -v "$tool" >/dev/null 2>&1 || { fail "$tool is not installed (scripts/install-deps.sh)"; finish; }
done
for image in runtimes nginx postgres redis python; do
    docker image inspect "harden-e2e/$image:1" >/dev/null 2>&1 || fail "docker has no harden-e2e/$image:1 (scripts/build-images.sh)"
    podman image inspect "harden-e2e/$image:1" >/dev/null 2>&1 || fail "podman has no harden-e2e/$image:1 (scripts/build-images.sh)"
done

# The rootfs of an image for runc bundles, from the cached tarball build-images.sh keeps (or the image).
rootfs() { # IMAGE_NAME -> prints the directory
    local name=$1 dir="$SCRATCH/rootfs-$1" tarball cid
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        tarball=$(ls "$E2E_DIR"/cache/"$name"-*.tar 2>/dev/null | head -n1)
        if [ -n "$tarball" ]; then
            tar -x -C "$dir" -f "$tarball"
        else
            cid=$(docker create "harden-e2e/$name:1") && docker export "$cid" | tar -x -C "$dir" && docker rm "$cid" >/dev/null
        fi
    fi
    echo "$dir"
}

# on ENGINE PROFILE IMAGE_NAME [docker options...] -- COMMAND...: the command's stdout (last line).
n=0
on() {
    local engine=$1 profile=$2 image=$3 options=() bundle id
    shift 3
    while [ "$#" -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
    shift
    # Rootful podman asks for an RLIMIT_NPROC above this host's hard limit, which needs
    # CAP_SYS_RESOURCE the host does not have; docker leaves nproc alone.
    [ "$engine" = podman ] && options+=(--ulimit nproc=4096:4096)
    case $engine in
        docker | podman)
            timeout 180 "$HARDEN" run --engine "$engine" "$profile" --rm "${E2E_LABELS[@]}" "${options[@]}" -- "harden-e2e/$image:1" "$@" \
                2>"$SCRATCH/err-$n" | tail -n 1 ;;
        runc)
            bundle="$SCRATCH/bundle-$n"
            if ! "$HARDEN" oci "$profile" --rootfs "$(rootfs "$image")" --bundle "$bundle" "${options[@]}" -- "$@" 2>"$SCRATCH/err-$n"; then
                return 1
            fi
            # The image's environment (PATH with postgres' bin directory, LANG) is not in a bundle.
            jq --argjson env "$(docker image inspect -f '{{ json .Config.Env }}' "harden-e2e/$image:1")" \
                '.process.env = ($env + [.process.env[] | select(startswith("PATH=") | not)] | unique_by(split("=")[0]))' \
                "$bundle/config.json" >"$bundle/config.tmp" && mv "$bundle/config.tmp" "$bundle/config.json"
            id="$prefix-$n"
            runc_ids+=("$id")
            timeout 180 runc run --bundle "$bundle" "$id" </dev/null 2>>"$SCRATCH/err-$n" | tail -n 1 ;;
    esac
}

check() { # check ENGINE PROFILE IMAGE WANT [options] -- COMMAND...
    local engine=$1 profile=$2 image=$3 want=$4 got started=$SECONDS
    shift 4
    n=$((n + 1))
    got=$(on "$engine" "$profile" "$image" "$@" | tr -d '\r')
    if [ "$got" = "$want" ]; then
        pass "$engine, $profile: $want ($((SECONDS - started))s)"
    else
        fail "$engine, $profile, $image $*: expected '$want', read '$got'; stderr: $(grep -v '^harden: warning' "$SCRATCH/err-$n" | tail -n 3 | tr '\n' ' ')"
    fi
}

nginx_probe='nginx && for i in 1 2 3 4 5 6 7 8 9 10; do exec 3<>/dev/tcp/127.0.0.1/80 2>/dev/null && break; sleep 0.3; done; printf "GET / HTTP/1.0\r\n\r\n" >&3; head -n 1 <&3 | tr -d "\r"'
postgres_probe='initdb -D /tmp/pg -U postgres --auth=trust >/dev/null && pg_ctl -D /tmp/pg -o "-c listen_addresses= -k /tmp" -w -l /tmp/pg.log start >/dev/null && psql -h /tmp -U postgres -Atc "select 6 * 7"'
redis_probe='redis-server --daemonize yes --save "" --appendonly no --dir /tmp --unixsocket /tmp/r.sock --port 0 && sleep 0.5 && redis-cli -s /tmp/r.sock set k v >/dev/null && redis-cli -s /tmp/r.sock get k'
python_probe='import hashlib, os, subprocess, sys, threading
with open("/tmp/x", "wb") as f: f.write(b"x" * 65536); f.flush(); os.fsync(f.fileno())
t = threading.Thread(target=lambda: None); t.start(); t.join()
out = subprocess.run([sys.executable, "-c", "print(1)"], capture_output=True, text=True).stdout.strip()
print("python ok" if out == "1" and len(hashlib.sha256(open("/tmp/x", "rb").read()).hexdigest()) == 64 else "python wrong")'

for engine in ${RUNTIMES_ENGINES:-docker podman runc}; do
    echo "== $engine"
    check "$engine" web runtimes "node ok" -- node /opt/e2e/upload.js
    check "$engine" web runtimes "java ok" -- java -Xshare:off -XX:TieredStopAtLevel=1 -cp /opt/e2e Upload
    check "$engine" web runtimes "go ok" -- e2e-go
    check "$engine" web runtimes "php ok" -- e2e-php
    check "$engine" web runtimes "sqlite ok" -- e2e-sqlite
    check "$engine" worker runtimes "ruby ok" -- ruby /opt/e2e/job.rb
    check "$engine" web nginx "HTTP/1.1 200 OK" -- bash -c "$nginx_probe"
    check "$engine" worker python "python ok" -- python3 -c "$python_probe"
    check "$engine" db redis "v" -- sh -c "$redis_probe"
    check "$engine" db postgres "42" -- sh -c "$postgres_probe"
done

echo "== web on docker: no capability at all, nginx still serves port 80"
"$HARDEN" run web -d --name "$prefix-nginx" "${E2E_LABELS[@]}" -p 127.0.0.1:18081:80 harden-e2e/nginx:1 >/dev/null 2>"$SCRATCH/nginx.err" ||
    fail "nginx under web did not start: $(tail -n 2 "$SCRATCH/nginx.err")"
if wait_for 30 curl -fsS -o /dev/null http://127.0.0.1:18081/; then
    expect "nginx under web answers on port 80 (published 18081)" 200 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18081/)"
else
    fail "nginx under web did not answer on 127.0.0.1:18081 within 30s: $(docker logs --tail 3 "$prefix-nginx" 2>&1 | tr '\n' ' ')"
fi
caps=$(docker exec "$prefix-nginx" grep -E '^Cap(Prm|Eff|Bnd):' /proc/1/status 2>/dev/null | awk '{ printf "%s%s ", $1, $2 }')
expect "web: nginx master's permitted, effective and bounding sets" "CapPrm:0000000000000000 CapEff:0000000000000000 CapBnd:0000000000000000 " "$caps"
expect "web: nginx runs as uid 65532" 65532 "$(docker exec "$prefix-nginx" stat -c %u /proc/1 2>/dev/null)"
expect "web: the port sysctl in the container" 0 "$(docker exec "$prefix-nginx" cat /proc/sys/net/ipv4/ip_unprivileged_port_start 2>/dev/null)"
finish
