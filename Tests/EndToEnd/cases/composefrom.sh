#!/usr/bin/env bash
# End-to-end: an ordinary compose project (Examples/compose-project: nginx in front, a python app,
# postgres and redis behind, two networks, a named volume, a .env) hardened with
# `harden compose --from` and run by docker-compose 1.29 against the real dockerd. Checked: the
# hardened file passes `harden check`; a privileged variant is refused naming service and line;
# HTTP 200 through nginx to the app, the app's own endpoint, SELECT 1, redis PING, the app
# reaching both over the backend network; each container read-only, all capabilities dropped,
# no-new-privileges and seccomp in force, non-root, memory and pids limits; the backend network
# internal and the front one not. Needs the e2e images (scripts/build-images.sh).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib.sh"
case "$HARDEN" in */*) HARDEN=$(cd "$(dirname "$HARDEN")" && pwd)/$(basename "$HARDEN") ;; esac
COMPOSE=${HARDEN_E2E_COMPOSE:-docker-compose}
PROJECT="hardene2ecf$$"
PORT=$((18500 + RANDOM % 400))
SCRATCH=$(mktemp -d)

cleanup() {
    (cd "$SCRATCH" && [ -f hardened.yaml ] && "$COMPOSE" -p "$PROJECT" -f hardened.yaml down -v --remove-orphans >/dev/null 2>&1)
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

docker info >/dev/null 2>&1 || { fail "dockerd is not reachable"; finish; }
command -v "$COMPOSE" >/dev/null 2>&1 || { fail "$COMPOSE is not installed"; finish; }
for image in nginx postgres redis python; do
    docker image inspect "harden-e2e/$image:1" >/dev/null 2>&1 || { fail "image harden-e2e/$image:1 is missing (scripts/build-images.sh)"; finish; }
done
echo "using $("$COMPOSE" version --short 2>/dev/null || "$COMPOSE" version | head -1)"

# The project as a team would have it; the containers' users read it through bind mounts.
cp -a "$root/Examples/compose-project/." "$SCRATCH/"
chmod -R a+rX "$SCRATCH"
cd "$SCRATCH" || exit 1

echo "== harden compose --from"
HTTP_PORT=$PORT "$HARDEN" compose --from compose.yaml --profile proxy=web --profile db=db --profile redis=db \
    --default-profile worker -o hardened.yaml 2>harden.err
expect "harden compose --from exit status" 0 "$?"
sed 's/^/    stderr| /' harden.err
expect "seccomp profiles beside the output" "app.json db.json proxy.json redis.json" "$(cd seccomp 2>/dev/null && ls | sort | paste -sd' ')"
"$HARDEN" check hardened.yaml >check.out 2>&1
expect "harden check of the output" 0 "$?"

sed 's/^    image: harden-e2e\/redis:1$/&\n    privileged: true/' compose.yaml >privileged.yaml
"$HARDEN" compose --from privileged.yaml --default-profile db >/dev/null 2>refused.err
expect "a privileged service refused" 1 "$?"
expect "the refusal names service and line" yes \
    "$(grep -q 'service redis (profile db): privileged: .* at privileged.yaml:[0-9]*:[0-9]* (service redis)' refused.err && echo yes || cat refused.err)"

echo "== docker-compose up"
if ! "$COMPOSE" -p "$PROJECT" -f hardened.yaml up -d >compose.log 2>&1; then
    fail "docker-compose up"; sed 's/^/    log| /' compose.log; finish
fi
if wait_for 120 curl -sf "http://127.0.0.1:$PORT/healthz"; then
    expect "HTTP status through nginx" 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/")"
    expect "the app's greeting from .env" '{"greeting": "hello from the shop"}' "$(curl -s "http://127.0.0.1:$PORT/")"
    expect "the app's own endpoint" '{"status": "ok"}' "$(curl -s "http://127.0.0.1:$PORT/healthz")"
else
    fail "nginx did not answer on 127.0.0.1:$PORT within 120s"
    "$COMPOSE" -p "$PROJECT" -f hardened.yaml logs --tail 20 2>&1 | sed 's/^/    log| /'
fi
if wait_for 90 "$COMPOSE" -p "$PROJECT" -f hardened.yaml exec -T db psql -U postgres -tAc 'SELECT 1'; then
    expect "postgres SELECT 1" 1 "$("$COMPOSE" -p "$PROJECT" -f hardened.yaml exec -T db psql -U postgres -tAc 'SELECT 1' | tr -d '\r')"
else
    fail "postgres did not answer SELECT 1 within 90s"
    "$COMPOSE" -p "$PROJECT" -f hardened.yaml logs --tail 20 db 2>&1 | sed 's/^/    log| /'
fi
expect "redis PING" PONG "$("$COMPOSE" -p "$PROJECT" -f hardened.yaml exec -T redis redis-cli PING | tr -d '\r')"
expect "the app reaches redis and postgres over backend" '{"redis": "PONG", "db": "reachable"}' "$(curl -s "http://127.0.0.1:$PORT/status")"
expect "published on loopback only" "127.0.0.1:$PORT" "$(docker port "$("$COMPOSE" -p "$PROJECT" -f hardened.yaml ps -q proxy)" 80/tcp | head -n1)"

echo "== each container as dockerd runs it"
for service in proxy app db redis; do
    id=$("$COMPOSE" -p "$PROJECT" -f hardened.yaml ps -q "$service")
    [ -n "$id" ] || { fail "$service: no container"; continue; }
    state=$(docker inspect --format 'ro={{.HostConfig.ReadonlyRootfs}} drop={{json .HostConfig.CapDrop}} add={{json .HostConfig.CapAdd}} mem={{.HostConfig.Memory}} pids={{.HostConfig.PidsLimit}}' "$id")
    expect "$service read-only root" true "$(sed -n 's/.*ro=\([a-z]*\).*/\1/p' <<<"$state")"
    expect "$service drops every capability" '["ALL"]' "$(sed -n 's/.*drop=\(\[[^]]*\]\).*/\1/p' <<<"$state" | sed 's/CAP_//g')"
    expect "$service memory limit set" yes "$([ "$(sed -n 's/.*mem=\([0-9]*\).*/\1/p' <<<"$state")" -gt 0 ] && echo yes || echo "no: $state")"
    expect "$service pids limit set" yes "$([ "$(sed -n 's/.*pids=\([0-9]*\).*/\1/p' <<<"$state")" -gt 0 ] 2>/dev/null && echo yes || echo "no: $state")"
    status=$(docker exec "$id" cat /proc/1/status)
    expect "$service NoNewPrivs" 1 "$(awk '$1 == "NoNewPrivs:" { print $2 }' <<<"$status")"
    expect "$service seccomp filter" 2 "$(awk '$1 == "Seccomp:" { print $2 }' <<<"$status")"
    expect "$service effective capabilities" 0000000000000000 "$(awk '$1 == "CapEff:" { print $2 }' <<<"$status")"
    uid=$(awk '$1 == "Uid:" { print $3 }' <<<"$status")
    expect "$service runs as non-root" yes "$([ -n "$uid" ] && [ "$uid" != 0 ] && echo yes || echo "uid $uid")"
done

echo "== networks"
expect "backend is internal" true "$(docker network inspect --format '{{.Internal}}' "${PROJECT}_backend")"
expect "frontend is not" false "$(docker network inspect --format '{{.Internal}}' "${PROJECT}_frontend")"
finish
