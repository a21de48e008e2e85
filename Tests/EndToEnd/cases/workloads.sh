#!/usr/bin/env bash
# Real software under each profile, started with exactly the options the README gives users:
# nginx serves a page (web), postgres initialises on a volume and answers SELECT 1 (db), redis
# answers PING and returns a value (db), a python3 job writes to its tmpfs and prints a checksum (worker).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"
prefix="harden-e2e-$E2E_RUN"

logs_on_failure() { docker logs --tail 20 "$1" 2>&1 | sed 's/^/    log| /'; }

echo "== nginx under web"
"$HARDEN" run web -d --name "$prefix-nginx" "${E2E_LABELS[@]}" -p 18080:80 harden-e2e/nginx:1 >/dev/null
if wait_for 60 curl -fsS -o /dev/null http://127.0.0.1:18080/; then
    expect "nginx HTTP status on 127.0.0.1:18080" 200 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/)"
    expect "published on loopback only" 127.0.0.1 "$(docker port "$prefix-nginx" 80/tcp | head -n1 | cut -d: -f1)"
else
    fail "nginx did not answer on 127.0.0.1:18080 within 60s"; logs_on_failure "$prefix-nginx"
fi

echo "== postgres under db"
docker volume create "${E2E_LABELS[@]}" "$prefix-pgdata" >/dev/null
"$HARDEN" run db -d --name "$prefix-postgres" "${E2E_LABELS[@]}" -v "$prefix-pgdata:/var/lib/postgresql/data" \
    -p 15432:5432 harden-e2e/postgres:1 >/dev/null
if wait_for 90 psql -h 127.0.0.1 -p 15432 -U postgres -tAc 'SELECT 1'; then
    expect "postgres SELECT 1" 1 "$(psql -h 127.0.0.1 -p 15432 -U postgres -tAc 'SELECT 1')"
    expect "postgres data on the volume" yes "$(docker exec "$prefix-postgres" sh -c 'test -s /var/lib/postgresql/data/PG_VERSION && echo yes')"
    expect "postgres runs as" 999 "$(docker exec "$prefix-postgres" id -u)"
else
    fail "postgres did not answer SELECT 1 within 90s"; logs_on_failure "$prefix-postgres"
fi

echo "== redis under db"
"$HARDEN" run db -d --name "$prefix-redis" "${E2E_LABELS[@]}" -p 16379:6379 harden-e2e/redis:1 >/dev/null
if wait_for 60 redis-cli -h 127.0.0.1 -p 16379 PING; then
    expect "redis PING" PONG "$(redis-cli -h 127.0.0.1 -p 16379 PING)"
    redis-cli -h 127.0.0.1 -p 16379 SET harden-e2e "kept $E2E_RUN" >/dev/null
    expect "redis returns what it was given" "kept $E2E_RUN" "$(redis-cli -h 127.0.0.1 -p 16379 GET harden-e2e)"
else
    fail "redis did not answer PING within 60s"; logs_on_failure "$prefix-redis"
fi

echo "== python3 job under worker"
job='import hashlib
data = "harden worker job\n" * 1000
with open("/tmp/job.txt", "w") as f: f.write(data)
print(hashlib.sha256(open("/tmp/job.txt", "rb").read()).hexdigest())'
got=$("$HARDEN" run worker --rm "${E2E_LABELS[@]}" harden-e2e/python:1 python3 -c "$job" 2>/dev/null)
want=$(python3 -c 'import hashlib; print(hashlib.sha256(("harden worker job\n" * 1000).encode()).hexdigest())')
expect "python3 job checksum of what it wrote to /tmp" "$want" "$got"

for name in nginx postgres redis; do docker rm -f "$prefix-$name" >/dev/null 2>&1; done
docker volume rm "$prefix-pgdata" >/dev/null 2>&1
finish
