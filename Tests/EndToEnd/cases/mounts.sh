#!/usr/bin/env bash
# A user's own mounts meeting the profile's carve-outs (issue 20), on every engine: an nginx line
# that already had `--read-only --tmpfs /var/lib/nginx:size=16m ...` keeps its own tmpfs options
# under `harden run web`, and that tmpfs belongs to the profile's user, so nginx creates
# /var/lib/nginx/body and serves; a named volume (a bind under runc) on base's /tmp replaces the
# tmpfs there instead of colliding with it. Checked on docker, podman (runc), runc from a bundle,
# and docker-compose from the compose fragment.
# Needs: HARDEN, a running dockerd, podman, runc, docker-compose, curl, jq, nsenter, and the image
# harden-e2e/nginx:1 in dockerd and podman (scripts/build-images.sh).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"
prefix="harden-e2e-mounts-$E2E_RUN"
SCRATCH=$(mktemp -d /tmp/harden-e2e-mounts.XXXXXX)
chmod 755 "$SCRATCH"
COMPOSE=${HARDEN_E2E_COMPOSE:-docker-compose}
PROJECT="hardene2emounts$$"
cleanup() {
    docker rm -f "$prefix-docker" >/dev/null 2>&1
    podman rm -f "$prefix-podman" >/dev/null 2>&1
    runc delete -f "$prefix-runc" >/dev/null 2>&1
    [ -f "$SCRATCH/web.yml" ] && (cd "$SCRATCH" && "$COMPOSE" -p "$PROJECT" -f web.yml down -v >/dev/null 2>&1)
    docker volume rm "$prefix-tmp" "$prefix-fresh" >/dev/null 2>&1
    podman volume rm "$prefix-tmp" >/dev/null 2>&1
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

for tool in docker podman runc "$COMPOSE" curl jq nsenter; do
    command -v "$tool" >/dev/null 2>&1 || { fail "$tool is not installed"; finish; }
done

# The user's own line, as it was before harden: nginx's state on tmpfs with its own sizes.
own=(--read-only --tmpfs /var/lib/nginx:size=16m --tmpfs /var/log/nginx:size=8m)
# podman on these hosts: the host's hard rlimits are below podman's defaults (see DESIGN).
podman_limits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
logs() { sed 's/^/    log| /' | tail -n 5; }

echo "== docker: nginx with its own --tmpfs options under web"
"$HARDEN" run web -d --name "$prefix-docker" "${E2E_LABELS[@]}" "${own[@]}" -p 18191:80 harden-e2e/nginx:1 >/dev/null
if wait_for 60 curl -fsS -o /dev/null http://127.0.0.1:18191/; then
    expect "docker: nginx HTTP status" 200 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18191/)"
else
    fail "docker: nginx did not answer on 127.0.0.1:18191 within 60s"; docker logs "$prefix-docker" 2>&1 | logs
fi
expect "docker: the user's tmpfs options kept, owned by the profile's user" "size=16m,uid=65532,gid=65532" \
    "$(docker inspect -f '{{index .HostConfig.Tmpfs "/var/lib/nginx"}}' "$prefix-docker" 2>/dev/null)"
expect "docker: nginx made its body directory in the user's tmpfs" 65532 "$(docker exec "$prefix-docker" stat -c %u /var/lib/nginx/body 2>/dev/null)"

echo "== docker: a named volume on base's /tmp"
got=$("$HARDEN" run web --rm "${E2E_LABELS[@]}" -v "$prefix-tmp:/tmp" harden-e2e/nginx:1 sh -c 'echo kept > /tmp/f && cat /tmp/f && grep -c " /tmp tmpfs " /proc/mounts' 2>&1)
expect "docker: -v VOL:/tmp runs, is written, and no tmpfs is left on /tmp" "kept 0" "$(printf '%s' "$got" | tr '\n' ' ' | sed 's/ $//')"

echo "== docker: a new named volume at a path the image lacks"
err=$("$HARDEN" run web --rm "${E2E_LABELS[@]}" -v "$prefix-fresh:/data" harden-e2e/nginx:1 sh -c 'touch /data/x' 2>&1 >/dev/null)
case "$err" in
    *"warning: volume $prefix-fresh on /data: the image has no /data, so the engine creates the new volume owned by root"*)
        pass "docker: harden run warns that the user cannot write the new volume" ;;
    *) fail "docker: no warning about the root-owned volume: $err" ;;
esac
case "$err" in *"Permission denied"*) pass "docker: and the write is refused, as the warning said" ;; *) fail "docker: the write was not refused: $err" ;; esac
docker run --rm --user 0:0 --cap-drop ALL --cap-add CHOWN -v "$prefix-fresh:/v" harden-e2e/nginx:1 chown 65532:65532 /v
err=$("$HARDEN" run web --rm "${E2E_LABELS[@]}" -v "$prefix-fresh:/data" harden-e2e/nginx:1 sh -c 'touch /data/x && echo written' 2>&1)
expect "docker: docs/volumes.md's chown fixes it, and an existing volume is not warned about" written "$err"
docker volume rm "$prefix-fresh" >/dev/null 2>&1

echo "== podman: nginx with its own --tmpfs options under web"
"$HARDEN" run --engine podman web -d --name "$prefix-podman" --network none "${podman_limits[@]}" "${own[@]}" harden-e2e/nginx:1 >/dev/null
owner=""
for _ in $(seq 20); do
    owner=$(podman exec "$prefix-podman" stat -c %u /var/lib/nginx/body 2>/dev/null) && [ -n "$owner" ] && break
    sleep 1
done
expect "podman: nginx made its body directory in the user's tmpfs" 65532 "$owner"
sleep 1
expect "podman: nginx still running" true "$(podman inspect -f '{{.State.Running}}' "$prefix-podman" 2>/dev/null)"
expect "podman: the user's tmpfs size kept" "size=16384k" \
    "$(podman exec "$prefix-podman" awk '$2 == "/var/lib/nginx" { n = split($4, o, ","); for (i = 1; i <= n; i++) if (o[i] ~ /^size=/) print o[i] }' /proc/mounts 2>/dev/null)"
[ "$owner" = 65532 ] || podman logs "$prefix-podman" 2>&1 | logs
got=$("$HARDEN" run --engine podman web --rm --network none "${podman_limits[@]}" -v "$prefix-tmp:/tmp" harden-e2e/nginx:1 sh -c 'echo kept > /tmp/f && cat /tmp/f && grep -c " /tmp tmpfs " /proc/mounts' 2>&1)
expect "podman: -v VOL:/tmp runs, is written, and no tmpfs is left on /tmp" "kept 0" "$(printf '%s' "$got" | tr '\n' ' ' | sed 's/ $//')"

echo "== runc: the same options in a bundle"
bundle="$SCRATCH/bundle"
mkdir -p "$bundle/rootfs" "$SCRATCH/tmp"
chown 65532:65532 "$SCRATCH/tmp"
if container=$(docker create harden-e2e/nginx:1 2>/dev/null); then
    docker export "$container" | tar -x -C "$bundle/rootfs"
    docker rm "$container" >/dev/null
fi
if ! "$HARDEN" oci web --bundle "$bundle" "${own[@]}" -v "$SCRATCH/tmp:/tmp" -- nginx -g 'daemon off;' 2>"$bundle/harden.err"; then
    fail "runc: harden oci failed: $(cat "$bundle/harden.err")"
else
    expect "runc: one mount on /tmp, the bind" bind "$(jq -r '[.mounts[] | select(.destination == "/tmp") | .type] | join(",")' "$bundle/config.json")"
    runc run --detach --bundle "$bundle" "$prefix-runc" </dev/null >"$bundle/runc.out" 2>&1
    pid=$(runc state "$prefix-runc" 2>/dev/null | jq -r '.pid // empty')
    code=""
    for _ in $(seq 30); do
        [ -n "$pid" ] && code=$(nsenter -t "$pid" -n curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1/ 2>/dev/null)
        [ "$code" = 200 ] && break
        sleep 1
    done
    expect "runc: nginx HTTP status inside its network namespace" 200 "$code"
    expect "runc: nginx made its body directory in the user's tmpfs" 65532 "$(runc exec "$prefix-runc" stat -c %u /var/lib/nginx/body 2>/dev/null)"
    [ "$code" = 200 ] || logs <"$bundle/runc.out"
fi

echo "== docker-compose: the fragment with the same options and the volume on /tmp"
if ! (cd "$SCRATCH" && "$HARDEN" compose web --service web --seccomp-dir "$SCRATCH/seccomp" "${own[@]}" -v "$prefix-tmp:/tmp" \
        -p 18194:80 harden-e2e/nginx:1 >web.yml 2>harden.err); then
    fail "compose: harden compose failed: $(cat "$SCRATCH/harden.err")"
elif ! up=$(cd "$SCRATCH" && "$COMPOSE" -p "$PROJECT" -f web.yml up -d 2>&1); then
    fail "compose: docker-compose up: $(printf '%s' "$up" | tail -n 3)"
else
    if wait_for 60 curl -fsS -o /dev/null http://127.0.0.1:18194/; then
        expect "compose: nginx HTTP status" 200 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18194/)"
    else
        fail "compose: nginx did not answer on 127.0.0.1:18194 within 60s"
    fi
    id=$(cd "$SCRATCH" && "$COMPOSE" -p "$PROJECT" -f web.yml ps -q web)
    expect "compose: nginx made its body directory in the user's tmpfs" 65532 "$(docker exec "$id" stat -c %u /var/lib/nginx/body 2>/dev/null)"
    expect "compose: /tmp is the volume, not a tmpfs" "volume" "$(docker inspect -f '{{range .Mounts}}{{if eq .Destination "/tmp"}}{{.Type}}{{end}}{{end}}' "$id" 2>/dev/null)"
fi
finish
