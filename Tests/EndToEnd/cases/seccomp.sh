#!/usr/bin/env bash
# End-to-end: harden's generated seccomp filters on the real engine and runtimes.
#
# Needs: HARDEN (path to the harden binary), a running dockerd with the harden-e2e images
# (busybox, nginx, postgres, redis, python: scripts/build-images.sh), scmp_sys_resolver (Debian
# package seccomp), curl, and for the runtime checks runc (and crun if installed) and python3 on
# the host to edit config.json. Run as root.
#
# Checks, each printed as ok/FAIL:
#   1. every syscall name in seccomp/*.json resolves with scmp_sys_resolver on its architecture
#      (rules marked for amd64 on x86_64/x86/x32, for arm64 on aarch64/arm, others on both), and
#      the syscall table compiled into harden agrees with scmp_sys_resolver;
#   2. each built-in allows at most 175 syscalls on x86_64 (Docker's default: 292);
#   3. inside containers started by `harden run`, blocked calls fail with EPERM (unshare, ioprio,
#      affinity, keyctl, mount, ptrace, io_uring, vsock and alg sockets, a socket family with high
#      bits set, clone with CLONE_NEWUSER), clone3 and openat2 answer ENOSYS, and the same calls
#      succeed under --security-opt seccomp=unconfined where the kernel allows them;
#   4. real workloads start and answer under their profile's filter: nginx (web), redis and
#      postgres (db), a python3 job (worker);
#   5. the OCI format does the same under runc (and crun) run directly from a bundle.
#
# Environment: HARDEN (required), HARDEN_E2E_KEEP=1 keeps containers for inspection.
set -uo pipefail

: "${HARDEN:?set HARDEN to the harden binary}"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
RUN_ID="hseccomp-$$"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/harden-e2e-seccomp.XXXXXX")
export XDG_CACHE_HOME="$WORK/cache"
CHECKS=0
FAILURES=0

. "$(dirname "${BASH_SOURCE[0]}")/../tally.sh"
ok() { CHECKS=$((CHECKS + 1)); echo "ok   $*"; tally pass; }
fail() { CHECKS=$((CHECKS + 1)); FAILURES=$((FAILURES + 1)); echo "FAIL $*"; tally fail; }
check() { # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected [$2], got [$3]"; fi
}
# A contrast run without the filter shows the filter is what refused a call. On a host whose kernel
# refuses one of them itself (no unprivileged user namespaces, say) the contrast proves nothing, and
# that fails the check: the suite runs on the hosts it was written for, and says so when it is not.
contrast() { # contrast DESCRIPTION EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected [$2], got [$3] (the kernel refuses it too here, so the filter's part is unproven)"; fi
}
# unfiltered PROFILE [OPTIONS] -- IMAGE [COMMAND]: the launch `harden run` makes, run by docker itself
# with seccomp=unconfined in place of the generated filter (harden refuses to run that, rightly), so
# a contrast changes one thing only.
unfiltered() {
    local line
    line=$("$HARDEN" run "$1" --dry-run "${@:2}" 2>/dev/null) || { echo "unfiltered: harden run --dry-run failed" >&2; return 1; }
    line=$(printf '%s\n' "$line" | sed -E 's/seccomp=[^ ]+/seccomp=unconfined/')
    case $line in *seccomp=unconfined*) ;; *) echo "unfiltered: no seccomp option in: $line" >&2; return 1 ;; esac
    eval "$line"
}
need() { command -v "$1" >/dev/null 2>&1 || { echo "seccomp.sh: $1 not found ($2)" >&2; exit 2; }; }

cleanup() {
    [ "${HARDEN_E2E_KEEP:-0}" = 1 ] && { echo "kept containers labelled $RUN_ID and $WORK"; return; }
    docker ps -aq --filter "label=$RUN_ID" | xargs -r docker rm -f >/dev/null 2>&1
    # Volumes made by `-v NAME:/path` carry no label; they are named after the run.
    docker volume ls -q | grep "^$RUN_ID-" | xargs -r docker volume rm -f >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

need docker "install docker.io"
need scmp_sys_resolver "apt-get install seccomp"
need curl "apt-get install curl"
[ -x "$HARDEN" ] || { echo "seccomp.sh: HARDEN=$HARDEN is not executable" >&2; exit 2; }
timeout 10 docker info >/dev/null 2>&1 || { echo "seccomp.sh: dockerd is not answering" >&2; exit 2; }

image_user() { docker image inspect -f '{{ index .Config.Labels "harden-e2e.user" }}' "$1"; }

# ---------------------------------------------------------------------------------------------
echo "== 1. names resolve on their architectures"

resolves_on() { # NAME ABI...: succeeds when NAME has a number on one of the ABIs
    local name=$1 abi number
    shift
    for abi in "$@"; do
        number=$(scmp_sys_resolver -a "$abi" "$name" 2>/dev/null) || continue
        [ "${number:-x}" -ge 0 ] 2>/dev/null && return 0
    done
    return 1
}

# Prints "ARCHES NAME" per name and rule: ARCHES is amd64, arm64 or both.
rule_names() {
    python3 - "$1" <<'EOF'
import json, sys
for rule in json.load(open(sys.argv[1]))["syscalls"]:
    arches = rule.get("includes", {}).get("arches", [])
    scope = "amd64" if "amd64" in arches else "arm64" if "arm64" in arches else "both"
    for name in rule["names"]:
        print(scope, name)
EOF
}

need python3 "apt-get install python3"
for file in "$ROOT"/seccomp/*.json; do
    bad=()
    total=0
    while read -r scope name; do
        total=$((total + 1))
        case $scope in
            amd64) resolves_on "$name" x86_64 x86 x32 || bad+=("$name(amd64)") ;;
            arm64) resolves_on "$name" aarch64 arm || bad+=("$name(arm64)") ;;
            both) { resolves_on "$name" x86_64 x86 x32 && resolves_on "$name" aarch64 arm; } || bad+=("$name(both)") ;;
        esac
    done < <(rule_names "$file")
    if [ "${#bad[@]}" -eq 0 ]; then ok "$(basename "$file"): all $total names resolve (scmp_sys_resolver)"; else fail "$(basename "$file"): unresolved: ${bad[*]}"; fi
done

# The compiled-in table: "Row("name", [.abi, ...])" per line.
table="$ROOT/Sources/HardenModel/Seccomp/SyscallTable.swift"
if [ -f "$table" ]; then
    mismatches=()
    rows=0
    while read -r name abis; do
        rows=$((rows + 1))
        for abi in x86_64 x86 x32 aarch64 arm; do
            listed=0
            case " $abis " in *" $abi "*) listed=1 ;; esac
            resolved=0
            resolves_on "$name" "$abi" && resolved=1
            [ "$listed" = "$resolved" ] || mismatches+=("$name/$abi")
        done
    done < <(sed -n 's/^ *Row("\([a-z0-9_]*\)", \[\(.*\)\]),$/\1 \2/p' "$table" | tr -d '.,')
    if [ "${#mismatches[@]}" -eq 0 ]; then ok "SyscallTable.swift agrees with scmp_sys_resolver ($rows names x 5 ABIs)"; else fail "SyscallTable.swift disagrees with scmp_sys_resolver: ${mismatches[*]:0:20} (rerun scripts/generate-syscall-table.sh)"; fi
fi

# ---------------------------------------------------------------------------------------------
echo "== 2. far fewer syscalls than Docker's default"
for profile in web worker db; do
    line=$("$HARDEN" seccomp "$profile" --stats --arch x86_64 | head -n 1)
    count=$(echo "$line" | sed -n 's/.*allows \([0-9]*\) syscalls.*/\1/p')
    if [ -n "$count" ] && [ "$count" -le 175 ]; then ok "$line"; else fail "$profile allows more than 175 syscalls on x86_64: $line"; fi
done

# ---------------------------------------------------------------------------------------------
echo "== 3. blocked syscalls fail inside harden run containers"

# busybox applets: each line "NAME=STATUS"
busybox_probe='unshare -U true 2>/dev/null; echo unshare=$?; ionice -c 3 true 2>/dev/null; echo ionice=$?; taskset -p 1 $$ >/dev/null 2>&1; echo taskset=$?; echo true=0'
filtered=$("$HARDEN" run web --rm --label "$RUN_ID" -- harden-e2e/busybox:1 sh -c "$busybox_probe" 2>/dev/null | tr '\n' ' ')
open=$(unfiltered web --rm --label "$RUN_ID" -- harden-e2e/busybox:1 sh -c "$busybox_probe" 2>/dev/null | tr '\n' ' ')
check "busybox under web: unshare -U, ionice, taskset refused" "unshare=1 ionice=1 taskset=1 true=0 " "$filtered"
contrast "busybox unconfined: the same applets work (so the filter refused them)" "unshare=0 ionice=0 taskset=0 true=0 " "$open"
unshare_error=$("$HARDEN" run web --rm --label "$RUN_ID" -- harden-e2e/busybox:1 unshare -U true 2>&1 | grep -v '^harden: warning')
case $unshare_error in
    *"Operation not permitted"*) ok "unshare -U fails with EPERM: $unshare_error" ;;
    *) fail "unshare -U should fail with EPERM, said: $unshare_error" ;;
esac

# Everyday tools in a Debian image must not trip over the filter: ls -l reads xattrs, cp -a and tar
# set them (answered EOPNOTSUPP, as by a filesystem without xattrs), GNU tar calls creat.
tools='ls -la / >/dev/null 2>&1; echo ls=$?; cp -a /etc/hostname /tmp/h 2>/dev/null; echo cp=$?; tar -C /etc -czf /tmp/e.tgz hostname 2>/dev/null; echo tar=$?; mkdir /tmp/x && tar -C /tmp/x --xattrs -xpzf /tmp/e.tgz 2>/dev/null; echo untar=$?; timeout 1 sleep 2; echo timeout=$?'
check "ls -l, cp -a, tar, timeout work in a Debian image under web" "ls=0 cp=0 tar=0 untar=0 timeout=124 " \
    "$("$HARDEN" run web --rm --label "$RUN_ID" -- harden-e2e/python:1 bash -c "$tools" 2>/dev/null | tr '\n' ' ')"

cat >"$WORK/probe.py" <<'EOF'
import ctypes, errno, os
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
def call(nr, *args):
    ctypes.set_errno(0)
    r = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) for a in args])
    if r == 0 and nr == 56:
        os._exit(0)  # a clone that succeeded: the child leaves at once
    return "ok" if r >= 0 else errno.errorcode.get(ctypes.get_errno(), "?")
# x86_64 numbers
probes = [
    ("keyctl", 250, 0, -3, 0), ("unshare_newuser", 272, 0x10000000), ("clone_newuser", 56, 0x10000000 | 17, 0, 0, 0, 0),
    ("clone3", 435, 0, 0), ("personality_norandom", 135, 0x0040000), ("socket_inet", 41, 2, 1, 0),
    ("socket_inet_highbits", 41, (1 << 32) | 2, 1, 0), ("socket_vsock", 41, 40, 1, 0), ("socket_vsock_highbits", 41, (1 << 32) | 40, 1, 0),
    ("socket_alg", 41, 38, 5, 0), ("io_uring_setup", 425, 1, 0), ("ptrace_traceme", 101, 0), ("mount", 165, 0, 0, 0, 0, 0),
    ("setpriority", 141, 0, 0, 5), ("openat2", 437, -100, 0, 0, 0),
]
print(" ".join(f"{p[0]}={call(*p[1:])}" for p in probes))
EOF
if [ "$(uname -m)" = x86_64 ]; then
    probe() { "$HARDEN" run worker --rm --label "$RUN_ID" -v "$WORK/probe.py:/probe.py:ro" "$@" -- harden-e2e/python:1 python3 /probe.py 2>/dev/null; }
    filtered=$(probe)
    for expected in keyctl=EPERM unshare_newuser=EPERM clone_newuser=EPERM clone3=ENOSYS personality_norandom=EPERM \
        socket_inet=ok socket_inet_highbits=EPERM socket_vsock=EPERM socket_vsock_highbits=EPERM socket_alg=EPERM \
        io_uring_setup=EPERM ptrace_traceme=EPERM mount=EPERM setpriority=EPERM openat2=ENOSYS; do
        case " $filtered " in
            *" $expected "*) ok "worker filter: $expected" ;;
            *) fail "worker filter: expected $expected in: $filtered" ;;
        esac
    done
    open=$(unfiltered worker --rm --label "$RUN_ID" -v "$WORK/probe.py:/probe.py:ro" -- harden-e2e/python:1 python3 /probe.py 2>/dev/null)
    for expected in keyctl=ok unshare_newuser=ok personality_norandom=ok setpriority=ok ptrace_traceme=ok; do
        case " $open " in
            *" $expected "*) contrast "unconfined contrast: $expected" x x ;;
            *) contrast "unconfined contrast: $expected" "$expected" "$open" ;;
        esac
    done
else
    fail "syscall-number probes: they use x86_64 numbers, and this is $(uname -m)"
fi

# ---------------------------------------------------------------------------------------------
echo "== 4. real workloads under their profile's filter"

# Every container below must run under the filter harden generates for its profile: Seccomp mode 2
# in /proc/1/status, and the filter docker recorded (the CLI inlines the file) equal to
# `harden seccomp PROFILE`.
assert_filtered() { # CONTAINER PROFILE
    local mode same
    mode=$(docker exec "$1" sh -c 'grep "^Seccomp:" /proc/1/status' 2>/dev/null | awk '{print $2}')
    same=$(docker inspect -f '{{ json .HostConfig.SecurityOpt }}' "$1" | python3 -c '
import json, subprocess, sys
options = [o for o in json.load(sys.stdin) if o.startswith("seccomp=")]
expected = json.loads(subprocess.run([sys.argv[1], "seccomp", sys.argv[2]], capture_output=True, text=True).stdout)
print("yes" if len(options) == 1 and json.loads(options[0][len("seccomp="):]) == expected else "no")' "$HARDEN" "$2")
    if [ "$mode" = 2 ] && [ "$same" = yes ]; then
        ok "$1 runs under the $2 filter harden generated (Seccomp: 2, docker recorded the same filter)"
    else
        fail "$1: Seccomp mode [$mode], filter recorded by docker is harden's $2 filter: [$same]"
    fi
}

# nginx, web: the stock Debian image running as non-root in the profile's tmpfs carve-outs.
name="$RUN_ID-nginx"
"$HARDEN" run web -d --name "$name" --label "$RUN_ID" -p 127.0.0.1::80 -- harden-e2e/nginx:1 >/dev/null 2>"$WORK/nginx.err" ||
    fail "nginx did not start: $(tail -n 2 "$WORK/nginx.err")"
port=$(docker port "$name" 80/tcp 2>/dev/null | head -n 1 | sed 's/.*://')
status=000
for _ in $(seq 1 30); do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port:-1}/" 2>/dev/null)
    [ "$status" = 200 ] && break
    sleep 0.5
done
check "nginx (web) answers GET / with 200" 200 "$status"
check "nginx (web) answers a missing page with 404" 404 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port:-1}/missing")"
docker exec "$name" nginx -s reload >/dev/null 2>&1 && sleep 1
check "nginx (web) still answers after a reload (new workers forked)" 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port:-1}/")"
assert_filtered "$name" web
[ "$(docker inspect -f '{{.State.Running}}' "$name")" = true ] || fail "nginx exited: $(docker logs "$name" 2>&1 | tail -n 3)"

# redis, db: with persistence on, so fork (BGSAVE, AOF rewrite) and fsync are exercised.
name="$RUN_ID-redis"
"$HARDEN" run db -d --name "$name" --label "$RUN_ID" --user "$(image_user harden-e2e/redis:1)" \
    -v "$RUN_ID-redis:/var/lib/redis" -- harden-e2e/redis:1 \
    redis-server --protected-mode no --save 60 1 --appendonly yes --dir /var/lib/redis >/dev/null 2>"$WORK/redis.err" ||
    fail "redis did not start: $(tail -n 2 "$WORK/redis.err")"
pong=""
for _ in $(seq 1 30); do
    pong=$(docker exec "$name" redis-cli ping 2>/dev/null)
    [ "$pong" = PONG ] && break
    sleep 0.5
done
check "redis (db) answers PING" PONG "$pong"
docker exec "$name" redis-cli set harden seccomp >/dev/null 2>&1
check "redis (db) stores and returns a value" seccomp "$(docker exec "$name" redis-cli get harden 2>/dev/null)"
docker exec "$name" redis-cli bgsave >/dev/null 2>&1
sleep 1
check "redis (db) saves in a forked child (BGSAVE)" ok "$(docker exec "$name" redis-cli info persistence 2>/dev/null | tr -d '\r' | sed -n 's/^rdb_last_bgsave_status://p')"
assert_filtered "$name" db

# postgres, db: initdb on first start, then queries over the socket and TCP, a parallel plan,
# VACUUM and CHECKPOINT (fsync, sync_file_range, System V and POSIX shared memory).
name="$RUN_ID-postgres"
"$HARDEN" run db -d --name "$name" --label "$RUN_ID" --user "$(image_user harden-e2e/postgres:1)" \
    -v "$RUN_ID-pgdata:/var/lib/postgresql/data" -- harden-e2e/postgres:1 >/dev/null 2>"$WORK/postgres.err" ||
    fail "postgres did not start: $(tail -n 2 "$WORK/postgres.err")"
ready=no
for _ in $(seq 1 90); do
    docker exec "$name" pg_isready -q >/dev/null 2>&1 && { ready=yes; break; }
    sleep 1
done
check "postgres (db) initdb and start (pg_isready)" yes "$ready"
psql() { docker exec "$name" psql -U postgres -Atq "$@" 2>&1; }
psql -c "create table t(a int primary key, b text); insert into t select g, md5(g::text) from generate_series(1, 100000) g; create index on t(b);" >/dev/null
psql -c "vacuum analyze t" >/dev/null
check "postgres (db) answers a query" 100000 "$(psql -c 'select count(*) from t')"
workers=$(psql -c "set max_parallel_workers_per_gather = 2; set parallel_setup_cost = 0; set parallel_tuple_cost = 0; set min_parallel_table_scan_size = 0; explain (analyze, costs off) select count(*) from t where b like 'a%'" |
    sed -n 's/.*Workers Launched: \([0-9]*\).*/\1/p' | head -n 1)
if [ "${workers:-0}" -ge 1 ]; then ok "postgres (db) launches parallel workers (dynamic shared memory): $workers"; else fail "postgres parallel workers: [$workers]"; fi
check "postgres (db) CHECKPOINT (fsync)" "" "$(psql -c 'checkpoint')"
check "postgres (db) answers over TCP" 1 "$(docker exec "$name" psql -h 127.0.0.1 -U postgres -Atc 'select 1' 2>&1)"
assert_filtered "$name" db

# python3, worker: an ordinary job (files, JSON, hashing, threads, processes, subprocess, sockets,
# sqlite, shutil copies that keep metadata).
cat >"$WORK/job.py" <<'EOF'
import asyncio, concurrent.futures, gzip, hashlib, json, multiprocessing, os, shutil, socket, sqlite3, subprocess, sys, tempfile
def square_sum(n): return sum(i * i for i in range(n))
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "data.json")
    with open(path, "w") as f: json.dump({"n": list(range(1000))}, f)
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    with gzip.open(os.path.join(d, "x.gz"), "wb") as f: f.write(b"x" * 100000)
    shutil.copy2(path, os.path.join(d, "copy.json")); shutil.copytree(d, d + "-tree"); shutil.rmtree(d + "-tree")
    with open(path, "a") as f: f.flush(); os.fsync(f.fileno())
    db = sqlite3.connect(os.path.join(d, "x.db")); db.execute("create table t(a)")
    db.executemany("insert into t values (?)", [(i,) for i in range(1000)]); db.commit()
    rows = db.execute("select count(*) from t").fetchone()[0]; db.close()
with concurrent.futures.ThreadPoolExecutor(4) as pool: threads = sum(pool.map(square_sum, [1000] * 8))
with multiprocessing.Pool(2) as pool: processes = sum(pool.map(square_sum, [1000] * 4))
child = subprocess.run([sys.executable, "-c", "print('child')"], capture_output=True, text=True).stdout.strip()
async def echo():
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    _, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    writer.close(); server.close()
asyncio.run(echo())
a, b = socket.socketpair(); a.send(b"x"); assert b.recv(1) == b"x"
print("job ok" if (rows, child) == (1000, "child") and threads == 8 * square_sum(1000) and len(digest) == 64 else "job wrong")
EOF
out=$("$HARDEN" run worker --rm --label "$RUN_ID" -v "$WORK/job.py:/job.py:ro" -- harden-e2e/python:1 python3 /job.py 2>"$WORK/python.err")
check "python3 job (worker) completes" "job ok" "$out"
[ "$out" = "job ok" ] || tail -n 5 "$WORK/python.err"

# ---------------------------------------------------------------------------------------------
echo "== 5. the OCI format under runc and crun, from a bundle"

make_bundle() { # DIR IMAGE PROFILE USER ARGS_JSON
    local dir=$1 cid
    mkdir -p "$dir/rootfs"
    cid=$(docker create "$2") && docker export "$cid" | tar -C "$dir/rootfs" -x && docker rm "$cid" >/dev/null
    (cd "$dir" && runc spec)
    "$HARDEN" seccomp "$3" --format oci >"$dir/seccomp.json"
    python3 - "$dir" "$4" "$5" <<'EOF'
import json, sys
bundle, user, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
config = json.load(open(bundle + "/config.json"))
uid, gid = (int(x) for x in user.split(":"))
config["process"].update(terminal=False, args=args, user={"uid": uid, "gid": gid}, noNewPrivileges=True)
config["root"]["readonly"] = True
config["mounts"].append({"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=1777"]})
config["linux"]["seccomp"] = json.load(open(bundle + "/seccomp.json"))
json.dump(config, open(bundle + "/config.json", "w"), indent=1)
EOF
}

if command -v runc >/dev/null 2>&1; then
    bundle="$WORK/runc-busybox"
    make_bundle "$bundle" harden-e2e/busybox:1 web 65532:65532 \
        '["sh", "-c", "unshare -U true 2>/dev/null; echo unshare=$?; ionice -c 3 true 2>/dev/null; echo ionice=$?; grep ^Seccomp: /proc/self/status"]'
    out=$(runc run --bundle "$bundle" "$RUN_ID-runc1" 2>&1 | tr '\n' ' ' | tr -s ' \t' ' ')
    check "runc, web filter (OCI): unshare and ionice refused, seccomp on" "unshare=1 ionice=1 Seccomp: 2 " "$out"
    bundle="$WORK/runc-python"
    make_bundle "$bundle" harden-e2e/python:1 worker 65532:65532 '["python3", "/job.py"]'
    cp "$WORK/job.py" "$WORK/probe.py" "$bundle/rootfs/"
    check "runc, worker filter (OCI): python3 job completes" "job ok" "$(runc run --bundle "$bundle" "$RUN_ID-runc2" 2>&1 | tail -n 1)"
    if [ "$(uname -m)" = x86_64 ]; then
        python3 - "$bundle/config.json" <<'EOF'
import json, sys
config = json.load(open(sys.argv[1])); config["process"]["args"] = ["python3", "/probe.py"]
json.dump(config, open(sys.argv[1], "w"), indent=1)
EOF
        out=$(runc run --bundle "$bundle" "$RUN_ID-runc3" 2>&1)
        case " $out " in
            *" keyctl=EPERM "*" clone3=ENOSYS "*" socket_inet=ok "*" socket_vsock_highbits=EPERM "*) ok "runc, worker filter (OCI): keyctl EPERM, clone3 ENOSYS, inet ok, vsock refused" ;;
            *) fail "runc probes: $out" ;;
        esac
        if command -v crun >/dev/null 2>&1; then
            # crun wants the cgroup v1 "unified" mount out of its way on these hosts.
            out=$(cd "$bundle" && unshare -m sh -c "umount /sys/fs/cgroup/unified 2>/dev/null; crun --cgroup-manager=cgroupfs run $RUN_ID-crun" 2>&1)
            case " $out " in
                *" keyctl=EPERM "*" clone3=ENOSYS "*" socket_inet=ok "*" socket_vsock_highbits=EPERM "*) ok "crun, worker filter (OCI): keyctl EPERM, clone3 ENOSYS, inet ok, vsock refused" ;;
                *) fail "crun probes: $out" ;;
            esac
        else
            fail "crun: not installed (scripts/install-deps.sh installs it)"
        fi
    fi
else
    fail "runc: not installed (scripts/install-deps.sh installs it)"
fi

echo
echo "seccomp.sh: $CHECKS checks, $FAILURES failed"
[ "$FAILURES" -eq 0 ]
