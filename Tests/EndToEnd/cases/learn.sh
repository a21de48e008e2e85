#!/usr/bin/env bash
# End-to-end: `harden learn` on the real dockerd. For nginx (curl), postgres (initdb + a query),
# redis (PING/SET/GET) and the python job of seccomp.sh, learn a profile from the built-in of its
# kind, then:
#   - learn's own verification passed (exit 0, "verified");
#   - `harden run` with the learned profile runs the workload and its functional check passes;
#   - the learned filter allows at most 110 syscalls on x86_64 (`harden seccomp NAME --stats`);
#     the four numbers are printed and kept in $HARDEN_E2E_DIR/learn-counts.txt;
#   - `harden diff BASE NAME` shows a tightening and no loosening beyond what learn listed.
# And a workload that writes /srv/odd/state (outside its image's usual directories) gets exactly
# that path as its one carve-out; with the kernel log out of reach (HARDEN_LEARN_KERNEL_LOG moved),
# learn says so in one line, learns the write, keeps the base's filter and probes it: one run under
# the base's filter with errno 133 for the calls it does not allow, which for this job runs the same
# way, and for a job calling ioprio_set (busybox ionice; worker does not allow it) names the
# refused call's output line, under docker and under runc (--bundle).
#
# Under podman (over runc), redis is learned and verified the same way. And an OCI bundle (the
# same busybox job, a config from `harden oci worker`) is learned under runc with --bundle: learned,
# at most 110 syscalls, exactly /srv/odd/state as its carve-out, verified, the bundle untouched.
#
# Needs: HARDEN, root (the kernel log and kernel.printk_ratelimit), dockerd and podman with the
# harden-e2e images (scripts/build-images.sh), curl, psql, redis-cli, jq. A missing one fails the case.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"
prefix="harden-e2e-$E2E_RUN-learn"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/harden-e2e-learn.XXXXXX")
export XDG_CACHE_HOME="$WORK/cache"
PROFILES="$WORK/profiles"
mkdir -p "$PROFILES"
COUNTS="${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}/learn-counts.txt"
mkdir -p "$(dirname "$COUNTS")"
: >"$COUNTS"

cleanup() {
    docker ps -aq --filter "label=harden-e2e.run=$E2E_RUN" --filter "name=$prefix" | xargs -r docker rm -f >/dev/null 2>&1
    docker ps -aq --filter "name=harden-learn-$prefix" | xargs -r docker rm -f >/dev/null 2>&1
    command -v podman >/dev/null 2>&1 && podman ps -aq --filter "name=harden-learn-$prefix" | xargs -r podman rm -f >/dev/null 2>&1
    docker volume ls -q --filter "name=$prefix" | xargs -r docker volume rm >/dev/null 2>&1
    docker rmi "harden-e2e/learn-odd:$E2E_RUN" >/dev/null 2>&1
    command -v runc >/dev/null 2>&1 && runc list -q 2>/dev/null | grep "^harden-learn-$prefix" | xargs -r -n1 runc delete -f >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

missing=0
for tool in docker runc curl psql redis-cli jq; do
    command -v "$tool" >/dev/null 2>&1 || { fail "$tool is not installed (scripts/install-deps.sh)"; missing=1; }
done
[ "$(id -u)" -eq 0 ] || { fail "learn needs root: the kernel log and kernel.printk_ratelimit"; missing=1; }
timeout 10 docker info >/dev/null 2>&1 || { fail "dockerd is not answering (scripts/start-dockerd.sh)"; missing=1; }
[ "$missing" -eq 0 ] || finish

# learn_one BASE NAME [learn options and docker options] -- IMAGE [COMMAND...]
learn_one() {
    local base=$1 name=$2; shift 2
    local out status
    out=$("$HARDEN" learn "$base" --name "$name" -o "$PROFILES/$name.json" "$@" 2>"$WORK/$name.err")
    status=$?
    sed 's/^/    learn| /' "$WORK/$name.err"
    expect "learn $name from $base: verified under harden run's path" "0 verified" "$status $(printf '%s' "$out" | grep -o verified | head -n1)"
    [ "$status" -eq 0 ] || echo "    $out"
}

# budget NAME BASE: the learned filter's size, its diff against BASE.
budget() {
    local name=$1 base=$2 count additions loosens
    count=$("$HARDEN" seccomp --profiles "$PROFILES" "$name" --stats | sed -n 's/.* allows \([0-9]*\) syscalls on x86_64.*/\1/p' | head -n1)
    echo "$name $count" >>"$COUNTS"
    if [ -n "$count" ] && [ "$count" -le 110 ]; then pass "$name allows $count syscalls on x86_64 (at most 110; $base allows $("$HARDEN" seccomp "$base" --stats | sed -n 's/.* allows \([0-9]*\) syscalls.*/\1/p' | head -n1))"
    else fail "$name allows [$count] syscalls on x86_64, more than 110"; fi
    "$HARDEN" diff --profiles "$PROFILES" "$base" "$name" >"$WORK/$name.diff"
    if grep -q '^  tightens  seccomp.allow: narrowed to the calls it names' "$WORK/$name.diff"; then pass "harden diff $base $name: the filter is a tightening"
    else fail "harden diff $base $name shows no narrowed filter:"; sed 's/^/    /' "$WORK/$name.diff"; fi
    # Every loosening the diff shows is one learn listed on stderr (+ seccomp: allows X / + tmpfs: / + volumes:).
    additions=$(grep -c '^harden learn: + ' "$WORK/$name.err")
    loosens=$(grep -c '^  loosens' "$WORK/$name.diff")
    expect "harden diff $base $name: loosenings = the additions learn listed" "$additions" "$loosens"
}

echo "== nginx learned from web (exercised with curl)"
web_check='for i in $(seq 60); do curl -fsS -o /dev/null "http://$HARDEN_LEARN_IP/" && break; sleep 0.25; done; curl -sS -o /dev/null -w "%{http_code}\n" "http://$HARDEN_LEARN_IP/"; curl -sS -o /dev/null -w "%{http_code}\n" "http://$HARDEN_LEARN_IP/missing"'
learn_one web "$prefix-nginx" --seconds 60 --exercise "$web_check" "${E2E_LABELS[@]}" -- harden-e2e/nginx:1
budget "$prefix-nginx" web
"$HARDEN" run --profiles "$PROFILES" "$prefix-nginx" -d --name "$prefix-nginx" "${E2E_LABELS[@]}" -p 18090:80 harden-e2e/nginx:1 >/dev/null
if wait_for 30 curl -fsS -o /dev/null http://127.0.0.1:18090/; then
    expect "harden run $prefix-nginx: GET /" 200 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18090/)"
    expect "harden run $prefix-nginx: GET /missing" 404 "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18090/missing)"
else
    fail "nginx under the learned profile did not answer"; docker logs --tail 5 "$prefix-nginx" 2>&1 | sed 's/^/    log| /'
fi
docker rm -f "$prefix-nginx" >/dev/null 2>&1

echo "== postgres learned from db (initdb + a query)"
pg_check='for i in $(seq 240); do psql -h "$HARDEN_LEARN_IP" -U postgres -tAc "SELECT 1" >/dev/null 2>&1 && break; sleep 0.25; done; psql -h "$HARDEN_LEARN_IP" -U postgres -tAc "CREATE TABLE t(a int); INSERT INTO t SELECT generate_series(1, 1000); SELECT count(*) FROM t;"'
learn_one db "$prefix-pg" --seconds 90 --exercise "$pg_check" "${E2E_LABELS[@]}" -- harden-e2e/postgres:1
budget "$prefix-pg" db
"$HARDEN" run --profiles "$PROFILES" "$prefix-pg" -d --name "$prefix-pg" "${E2E_LABELS[@]}" -p 15442:5432 harden-e2e/postgres:1 >/dev/null
if wait_for 60 psql -h 127.0.0.1 -p 15442 -U postgres -tAc 'SELECT 1'; then
    expect "harden run $prefix-pg: a table and a count" 1000 "$(psql -h 127.0.0.1 -p 15442 -U postgres -tAc 'CREATE TABLE t(a int); INSERT INTO t SELECT generate_series(1, 1000); SELECT count(*) FROM t;' | tail -n1)"
else
    fail "postgres under the learned profile did not answer"; docker logs --tail 5 "$prefix-pg" 2>&1 | sed 's/^/    log| /'
fi
docker rm -f -v "$prefix-pg" >/dev/null 2>&1

echo "== redis learned from db (PING/SET/GET)"
redis_check='for i in $(seq 60); do redis-cli -h "$HARDEN_LEARN_IP" PING >/dev/null 2>&1 && break; sleep 0.25; done; redis-cli -h "$HARDEN_LEARN_IP" PING; redis-cli -h "$HARDEN_LEARN_IP" SET learned yes; redis-cli -h "$HARDEN_LEARN_IP" GET learned'
learn_one db "$prefix-redis" --seconds 60 --exercise "$redis_check" "${E2E_LABELS[@]}" -- harden-e2e/redis:1
budget "$prefix-redis" db
"$HARDEN" run --profiles "$PROFILES" "$prefix-redis" -d --name "$prefix-redis" "${E2E_LABELS[@]}" -p 16389:6379 harden-e2e/redis:1 >/dev/null
if wait_for 30 redis-cli -h 127.0.0.1 -p 16389 PING; then
    redis-cli -h 127.0.0.1 -p 16389 SET harden-learn "kept $E2E_RUN" >/dev/null
    expect "harden run $prefix-redis: SET then GET" "kept $E2E_RUN" "$(redis-cli -h 127.0.0.1 -p 16389 GET harden-learn)"
else
    fail "redis under the learned profile did not answer"; docker logs --tail 5 "$prefix-redis" 2>&1 | sed 's/^/    log| /'
fi
docker rm -f "$prefix-redis" >/dev/null 2>&1

echo "== the python job learned from worker"
sed -n '/^cat >"\$WORK\/job.py" <<.EOF.$/,/^EOF$/p' "$here/cases/seccomp.sh" | sed '1d;$d' >"$WORK/job.py"
[ -s "$WORK/job.py" ] || fail "the python job could not be read from seccomp.sh"
learn_one worker "$prefix-job" --seconds 60 --runs 3 -v "$WORK/job.py:/job.py:ro" "${E2E_LABELS[@]}" -- harden-e2e/python:1 python3 /job.py
budget "$prefix-job" worker
expect "harden run $prefix-job: the job" "job ok" \
    "$("$HARDEN" run --profiles "$PROFILES" "$prefix-job" --rm "${E2E_LABELS[@]}" -v "$WORK/job.py:/job.py:ro" harden-e2e/python:1 python3 /job.py 2>"$WORK/job.run.err")"

echo "== a write outside the image's usual directories"
docker rm -f "$prefix-odd-build" >/dev/null 2>&1
docker run --name "$prefix-odd-build" "${E2E_LABELS[@]}" harden-e2e/busybox:1 sh -c 'mkdir -p /srv/odd && chown 65532:65532 /srv/odd' &&
    docker commit "$prefix-odd-build" "harden-e2e/learn-odd:$E2E_RUN" >/dev/null
docker rm -f "$prefix-odd-build" >/dev/null 2>&1
odd_job='mkdir -p /srv/odd/state && echo kept >/srv/odd/state/stamp && cat /srv/odd/state/stamp'
learn_one worker "$prefix-odd" --seconds 30 "${E2E_LABELS[@]}" -- "harden-e2e/learn-odd:$E2E_RUN" sh -c "$odd_job"
expect "the carve-outs learned" '["/srv/odd/state"]' "$(jq -c '[(.tmpfs // {} | keys[]), (.volumes // {} | keys[])]' "$PROFILES/$prefix-odd.json")"
expect "harden run $prefix-odd: the write works under a read-only root" kept \
    "$("$HARDEN" run --profiles "$PROFILES" "$prefix-odd" --rm "${E2E_LABELS[@]}" "harden-e2e/learn-odd:$E2E_RUN" sh -c "$odd_job" 2>/dev/null)"
expect "under its base (worker) the same write fails" failed \
    "$("$HARDEN" run worker --rm "${E2E_LABELS[@]}" "harden-e2e/learn-odd:$E2E_RUN" sh -c "$odd_job" >/dev/null 2>&1 && echo wrote || echo failed)"

echo "== without a readable kernel log: the writes are learned, the base's filter is kept"
HARDEN_LEARN_KERNEL_LOG=/nonexistent/kmsg "$HARDEN" learn worker --name "$prefix-blind" -o "$PROFILES/$prefix-blind.json" --seconds 30 \
    "${E2E_LABELS[@]}" -- "harden-e2e/learn-odd:$E2E_RUN" sh -c "$odd_job" >"$WORK/blind.out" 2>"$WORK/blind.err"
expect "learn says why, in one line" 1 "$(grep -c '^harden learn: the kernel log (/nonexistent/kmsg) cannot be read: No such file or directory: learning only the writes; the profile keeps worker.s filter$' "$WORK/blind.err")"
expect "and verifies the profile" 1 "$(grep -c verified "$WORK/blind.out")"
expect "the profile: the carve-out, no seccomp section of its own" '["/srv/odd/state"] null' \
    "$(jq -c '[(.tmpfs // {} | keys[])]' "$PROFILES/$prefix-blind.json") $(jq -c '.seccomp' "$PROFILES/$prefix-blind.json")"
expect "the probe under worker's filter ran the same way, said on stderr and in the profile" "1 true" \
    "$(grep -c "^harden learn: probe: under worker's filter the workload ran the same way as with nothing refused" "$WORK/blind.err") $(jq '.rationale.seccomp | endswith("a probe run under worker'"'"'s filter ran the same way")' "$PROFILES/$prefix-blind.json")"
refused_job='echo start; ionice -c 3 true; echo "ionice $?"'
refused_line="^harden learn:   refused| ionice: ioprio_set: Memory page has hardware error$"
HARDEN_LEARN_KERNEL_LOG=/nonexistent/kmsg "$HARDEN" learn worker --name "$prefix-refused" -o "$PROFILES/$prefix-refused.json" --seconds 30 --no-verify \
    "${E2E_LABELS[@]}" -- harden-e2e/busybox:1 sh -c "$refused_job" >/dev/null 2>"$WORK/refused.err"
expect "a call worker does not allow: the probe names the difference and the line reporting the refusal" "1 1" \
    "$(grep -c "^harden learn: probe: under worker's filter the workload did not run the same way: the container printed something else (ionice 1 instead of ionice 0)$" "$WORK/refused.err") $(grep -c "$refused_line" "$WORK/refused.err")"

echo "== an OCI bundle under runc (--bundle): the same job, the rootfs on an overlay"
bundle="$WORK/bundle"
mkdir -p "$bundle/rootfs"
odd_container=$(docker create "${E2E_LABELS[@]}" "harden-e2e/learn-odd:$E2E_RUN") &&
    docker export "$odd_container" | tar -x -C "$bundle/rootfs"
docker rm -f "$odd_container" >/dev/null 2>&1
"$HARDEN" oci worker --bundle "$bundle" -- sh -c "$odd_job; ls / >/dev/null; id -u" 2>"$WORK/bundle-oci.err" ||
    fail "harden oci worker --bundle: $(cat "$WORK/bundle-oci.err")"
listing() { (cd "$bundle" && find . -printf '%p %s %m %u %T@\n' | sort | sha256sum); }
before=$(listing)
learn_one worker "$prefix-bundle" --seconds 30 --bundle "$bundle"
budget "$prefix-bundle" worker
expect "the bundle's carve-outs learned" '["/srv/odd/state"]' "$(jq -c '[(.tmpfs // {} | keys[]), (.volumes // {} | keys[])]' "$PROFILES/$prefix-bundle.json")"
expect "the bundle is as it was (config.json and rootfs: paths, sizes, modes, owners, times)" "$before" "$(listing)"
expect "runc: no container left" "" "$(runc list -q 2>/dev/null | grep "^harden-learn-$prefix")"
expect "no overlay left mounted" "" "$(grep -c "harden-learn-$prefix" /proc/mounts | grep -v '^0$')"
"$HARDEN" oci worker --bundle "$bundle" -- sh -c "$refused_job" 2>"$WORK/bundle-oci.err" || fail "harden oci worker --bundle: $(cat "$WORK/bundle-oci.err")"
HARDEN_LEARN_KERNEL_LOG=/nonexistent/kmsg "$HARDEN" learn worker --name "$prefix-bundle-refused" -o "$PROFILES/$prefix-bundle-refused.json" --seconds 30 --no-verify \
    --bundle "$bundle" >/dev/null 2>"$WORK/bundle-refused.err"
expect "--bundle without a kernel log: the probe under runc names the refused call's line" 1 "$(grep -c "$refused_line" "$WORK/bundle-refused.err")"

echo "== podman: the same signals (redis learned from db over runc)"
if command -v podman >/dev/null 2>&1; then
    learn_one db "$prefix-podman-redis" --engine podman --seconds 60 --ulimit nproc=1024:1024 --exercise "$redis_check" \
        "${E2E_LABELS[@]}" -- harden-e2e/redis:1
    budget "$prefix-podman-redis" db
    expect "podman: no container left" "" "$(podman ps -aq --filter "name=harden-learn-$prefix")"
else
    fail "podman is not installed (scripts/install-deps.sh)"
fi

echo "learned filters, syscalls allowed on x86_64:"
sed "s/^$prefix-/  /" "$COUNTS"
finish
