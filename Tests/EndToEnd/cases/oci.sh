#!/usr/bin/env bash
# End-to-end: configs written by `harden oci` run under real runtimes and do what they say.
#
# For every built-in profile a busybox bundle runs under runc and under crun; inside it a probe reads
# /proc/self/status, id, the cgroup limits, and tries writes to / and to each tmpfs carve-out. What it
# reads is compared with what the config.json harden wrote promises (user, capabilities, memory and
# pids limits), plus NoNewPrivs 1, Seccomp 2, a read-only root, writable noexec carve-outs and a
# seccomp filter that refuses unshare. Then --rootless bundles run under runc as non-root users (one
# with subordinate ids, one without), and the web (nginx, HTTP 200) and worker (python3 writes to its
# tmpfs and prints a checksum) workloads run under runc.
#
# Needs: root, HARDEN (the harden binary), runc, crun, jq, curl, nsenter, useradd, /bin/busybox
# (busybox-static), and for the workloads the images harden-e2e/nginx:1 and harden-e2e/python:1 in
# the local dockerd (or their rootfs tarballs in $HARDEN_E2E_DIR/cache).
# Every check prints one line, ok or FAIL, with what it read. Exit status: 0 when all hold, 1 otherwise.
set -uo pipefail

HARDEN=${HARDEN:?set HARDEN to the harden binary}
E2E_DIR=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}
RUN_ID="oci-$$-$RANDOM"
SCRATCH=$(mktemp -d /tmp/harden-e2e-oci.XXXXXX)
chmod 755 "$SCRATCH"
failures=0
checked=0
containers=()

. "$(dirname "${BASH_SOURCE[0]}")/../tally.sh"
pass() { checked=$((checked + 1)); echo "  ok   $*"; tally pass; }
fail() { checked=$((checked + 1)); failures=$((failures + 1)); echo "  FAIL $*"; tally fail; }
expect() { if [ "$2" = "$3" ]; then pass "$1: $3"; else fail "$1: expected '$2', read '$3'"; fi; }
field() { printf '%s\n' "$2" | awk -v key="$1=" 'index($0, key) == 1 { print substr($0, length(key) + 1); exit }'; }

cleanup() {
    for id in "${containers[@]}"; do runc delete -f "$id" >/dev/null 2>&1; done
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

for tool in runc crun jq curl nsenter useradd; do
    command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed"; exit 1; }
done
[ -x /bin/busybox ] || { echo "FAIL /bin/busybox is missing (apt-get install busybox-static)"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "FAIL run as root: runc and crun need it, and the rootless cases switch users"; exit 1; }
# A copy everyone can run, for the rootless cases.
cp "$HARDEN" "$SCRATCH/harden" && chmod 755 "$SCRATCH/harden"
HARDEN_ANY="$SCRATCH/harden"

# Linux capability numbers (linux/capability.h), to turn a config's names into /proc's bit mask.
CAPS=(CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE
      NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN
      SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE
      MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE)
cap_mask() {  # names (CAP_X ...) → 16 hex digits, as /proc/self/status prints them
    local mask=0 name i
    for name in "$@"; do
        for i in "${!CAPS[@]}"; do [ "CAP_${CAPS[$i]}" = "$name" ] && mask=$((mask | (1 << i))); done
    done
    printf '%016x' "$mask"
}

make_busybox_rootfs() {
    local dir=$1 applet
    mkdir -p "$dir"/{bin,etc,tmp,proc,dev,sys,root,home/nonroot}
    cp /bin/busybox "$dir/bin/busybox"
    for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"; done
    printf 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/bin/sh\n' >"$dir/etc/passwd"
    printf 'root:x:0:\nnonroot:x:65532:\n' >"$dir/etc/group"
    chmod 1777 "$dir/tmp"
}

# The probe runs inside: key=value lines. Carve-outs are the tmpfs mounts outside /dev, /proc and /sys.
read -r -d '' PROBE <<'SH'
for key in CapEff CapPrm CapBnd CapAmb NoNewPrivs Seccomp; do
    echo "$key=$(awk -v k="$key:" '$1 == k { print $2 }' /proc/self/status)"
done
echo "uid=$(id -u)"
echo "gid=$(id -g)"
echo "uid_map=$(awk '{ printf "%s:%s:%s;", $1, $2, $3 }' /proc/self/uid_map)"
if touch /.harden-probe 2>/dev/null; then echo root=writable; else echo root=read-only; fi
carves=$(awk '$3 == "tmpfs" && $2 !~ "^/(dev|proc|sys)(/|$)" { print $2 }' /proc/mounts | sort | tr '\n' ' ')
echo "carve_outs=$carves"
writable=yes; exec_refused=yes
for dir in $carves; do
    touch "$dir/.harden-probe" 2>/dev/null || writable="no ($dir)"
    if cp /bin/busybox "$dir/.harden-exec" 2>/dev/null && "$dir/.harden-exec" true 2>/dev/null; then exec_refused="no ($dir)"; fi
done
echo "carve_outs_writable=$writable"
echo "carve_outs_noexec=$exec_refused"
echo "memory=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max 2>/dev/null)"
echo "pids=$(cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max 2>/dev/null)"
if unshare -U true 2>/dev/null; then echo unshare=allowed; else echo unshare=refused; fi
SH

# check_probe NAME CONFIG OUTPUT [rootless]: compares what the probe read with what the config says.
check_probe() {
    local name=$1 config=$2 out=$3 rootless=${4:-} want
    want=$(cap_mask $(jq -r '.process.capabilities.effective[]' "$config"))
    expect "$name CapEff (the profile's capabilities)" "$want" "$(field CapEff "$out")"
    expect "$name CapBnd" "$(cap_mask $(jq -r '.process.capabilities.bounding[]' "$config"))" "$(field CapBnd "$out")"
    expect "$name NoNewPrivs" 1 "$(field NoNewPrivs "$out")"
    expect "$name Seccomp (filter mode)" 2 "$(field Seccomp "$out")"
    expect "$name uid" "$(jq -r '.process.user.uid' "$config")" "$(field uid "$out")"
    expect "$name gid" "$(jq -r '.process.user.gid' "$config")" "$(field gid "$out")"
    expect "$name root filesystem" read-only "$(field root "$out")"
    want=$(jq -r '[.mounts[] | select(.type == "tmpfs" and (.destination | test("^/(dev|proc|sys)(/|$)") | not)) | .destination] | sort | join(" ")' "$config")
    expect "$name tmpfs carve-outs" "$want" "$(field carve_outs "$out" | sed 's/ $//')"
    expect "$name carve-outs writable" yes "$(field carve_outs_writable "$out")"
    expect "$name carve-outs noexec" yes "$(field carve_outs_noexec "$out")"
    expect "$name seccomp refuses unshare" refused "$(field unshare "$out")"
    if [ -z "$rootless" ]; then
        expect "$name memory limit in its cgroup" "$(jq -r '.linux.resources.memory.limit' "$config")" "$(field memory "$out")"
        expect "$name pids limit in its cgroup" "$(jq -r '.linux.resources.pids.limit' "$config")" "$(field pids "$out")"
    fi
}

run_crun() {  # crun meets the hybrid layout's cgroup v2 mount as a conflict; hide it in a private mount namespace
    local bundle=$1 id=$2
    unshare -m sh -c 'if mountpoint -q /sys/fs/cgroup/unified; then umount /sys/fs/cgroup/unified; fi; exec crun --cgroup-manager=cgroupfs run --bundle "$0" "$1"' "$bundle" "$id"
}

profiles=$("$HARDEN" profiles | awk 'NR > 1 && $2 ~ /^builtin:/ { print $1 }')
[ -n "$profiles" ] || { echo "FAIL harden profiles lists no built-ins"; exit 1; }
make_busybox_rootfs "$SCRATCH/busybox"

for profile in $profiles; do
    echo "== $profile: busybox bundle"
    bundle="$SCRATCH/$profile"
    mkdir -p "$bundle"
    cp -a "$SCRATCH/busybox" "$bundle/rootfs"
    if ! "$HARDEN" oci "$profile" --bundle "$bundle" -- /bin/sh -c "$PROBE" 2>"$bundle/harden.err"; then
        fail "$profile: harden oci failed: $(cat "$bundle/harden.err")"; continue
    fi
    pass "$profile: harden oci wrote $bundle/config.json ($(grep -c 'warning' "$bundle/harden.err") notes on stderr)"
    check=$("$HARDEN" check "$bundle/config.json" 2>&1)
    expect "$profile: harden check on the generated config" "0 errors" "$(printf '%s' "$check" | grep -o '[0-9]* errors' | tail -n1)"

    id="harden-e2e-$RUN_ID-$profile"
    containers+=("$id")
    out=$(runc run --bundle "$bundle" "$id" </dev/null 2>"$bundle/runc.err")
    status=$?
    echo "    runc read: $(printf '%s' "$out" | tr '\n' ' ')"
    if [ "$status" -ne 0 ]; then fail "$profile under runc: exit $status: $(tail -n3 "$bundle/runc.err")"; else check_probe "$profile under runc" "$bundle/config.json" "$out"; fi

    out=$(run_crun "$bundle" "$id-crun" </dev/null 2>"$bundle/crun.err")
    status=$?
    echo "    crun read: $(printf '%s' "$out" | tr '\n' ' ')"
    if [ "$status" -ne 0 ]; then fail "$profile under crun: exit $status: $(tail -n3 "$bundle/crun.err")"; else check_probe "$profile under crun" "$bundle/config.json" "$out"; fi
done

# A non-root host user runs a --rootless bundle they generated themselves, from a rootfs they own
# (a rootless runtime cannot create mount points in someone else's). One user has subordinate ids,
# so the profile's user is kept; the other has none, so only their own uid maps, as container root.
rootless_case() {
    local user=$1 profile=$2 uid bundle
    uid=$(id -u "$user")
    bundle="$SCRATCH/rootless-$user"
    mkdir -p "$bundle"
    cp -a "$SCRATCH/busybox" "$bundle/rootfs"
    chown -R "$user:" "$bundle"
    echo "== $profile --rootless as $user (uid $uid; subordinate uid ranges: $(grep -c "^$user:" /etc/subuid 2>/dev/null))"
    if ! su "$user" -s /bin/sh -c 'cd "$1" && "$2" oci "$3" --rootless --bundle . -- /bin/sh -c "$4"' sh "$bundle" "$HARDEN_ANY" "$profile" "$PROBE" 2>"$bundle/harden.err"; then
        fail "$user: harden oci --rootless failed: $(cat "$bundle/harden.err")"; return
    fi
    if grep -q -- '--rootless: .* are not applied' "$bundle/harden.err"; then
        pass "$user: stderr names the limits a rootless runtime cannot apply: $(grep -o -- '--rootless: [^:]*' "$bundle/harden.err")"
    else
        fail "$user: stderr does not say which limits cannot apply: $(cat "$bundle/harden.err")"
    fi
    expect "$user: the config maps the user's own uid as container root" "0:$uid:1" "$(jq -r '.linux.uidMappings[0] | "\(.containerID):\(.hostID):\(.size)"' "$bundle/config.json")"
    out=$(su "$user" -s /bin/sh -c 'cd "$1" && runc --root "$2" run "$3" </dev/null' sh "$bundle" "$bundle/runc-state" "harden-e2e-$RUN_ID-rl-$user" 2>"$bundle/runc.err")
    status=$?
    echo "    runc (as $user) read: $(printf '%s' "$out" | tr '\n' ' ')"
    if [ "$status" -ne 0 ]; then fail "$user: rootless runc exit $status: $(tail -n3 "$bundle/runc.err")"; return; fi
    expect "$user: uid_map inside starts with the user's own uid" "0:$uid:1;" "$(field uid_map "$out" | cut -d';' -f1);"
    check_probe "$profile --rootless as $user" "$bundle/config.json" "$out" rootless
}

id harden-e2e-sub >/dev/null 2>&1 || useradd -m harden-e2e-sub
id harden-e2e-nosub >/dev/null 2>&1 || useradd -m -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 harden-e2e-nosub
# useradd gives new users a range where login.defs says so; elsewhere, one after every range in use.
for file in /etc/subuid /etc/subgid; do
    grep -q '^harden-e2e-sub:' "$file" 2>/dev/null ||
        echo "harden-e2e-sub:$(awk -F: '{ if ($2 + $3 > end) end = $2 + $3 } END { print (end > 100000 ? end : 100000) }' "$file" 2>/dev/null):65536" >>"$file"
done
rootless_case harden-e2e-sub web
rootless_case harden-e2e-nosub worker

# Workload rootfs: exported from the local image, or unpacked from the cached tarball.
workload_rootfs() {
    local image=$1 name=$2 dir=$3 tarball container
    mkdir -p "$dir"
    if docker image inspect "$image" >/dev/null 2>&1 && container=$(docker create "$image" 2>/dev/null); then
        docker export "$container" | tar -x -C "$dir"
        docker rm "$container" >/dev/null
        return 0
    fi
    tarball=$(ls "$E2E_DIR"/cache/"$name"-*.tar 2>/dev/null | head -n1)
    [ -n "$tarball" ] && tar -x -C "$dir" -f "$tarball"
}

echo "== nginx under web (runc)"
bundle="$SCRATCH/nginx"
if ! workload_rootfs harden-e2e/nginx:1 nginx "$bundle/rootfs"; then
    fail "nginx: no image harden-e2e/nginx:1 and no cached rootfs (run scripts/build-images.sh)"
elif ! "$HARDEN" oci web --bundle "$bundle" -- nginx -g 'daemon off;' 2>"$bundle/harden.err"; then
    fail "nginx: harden oci failed: $(cat "$bundle/harden.err")"
else
    id="harden-e2e-$RUN_ID-nginx"
    containers+=("$id")
    runc run --detach --bundle "$bundle" "$id" </dev/null >"$bundle/runc.out" 2>&1
    pid=$(runc state "$id" 2>/dev/null | jq -r '.pid // empty')
    code=""
    for _ in $(seq 30); do
        [ -n "$pid" ] && code=$(nsenter -t "$pid" -n curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1/ 2>/dev/null)
        [ "$code" = 200 ] && break
        sleep 1
    done
    expect "nginx HTTP status on 127.0.0.1:80 inside its network namespace" 200 "$code"
    expect "nginx runs as the profile's user" 65532 "$(runc exec "$id" id -u 2>/dev/null)"
    # Port 80 through net.ipv4.ip_unprivileged_port_start=0 (linux.sysctl), no capability.
    expect "nginx holds no capability" 0000000000000000 \
        "$(runc exec "$id" awk '$1 == "CapEff:" { print $2 }' /proc/1/status 2>/dev/null)"
    [ "$code" = 200 ] || sed 's/^/    log| /' "$bundle/runc.out" | tail -n 10
    runc delete -f "$id" >/dev/null 2>&1
fi

echo "== python3 job under worker (runc)"
bundle="$SCRATCH/python"
job='import hashlib
data = "harden worker job\n" * 1000
with open("/tmp/job.txt", "w") as f: f.write(data)
print(hashlib.sha256(open("/tmp/job.txt", "rb").read()).hexdigest())'
want=$(printf 'harden worker job\n%.0s' $(seq 1000) | sha256sum | cut -d' ' -f1)
if ! workload_rootfs harden-e2e/python:1 python "$bundle/rootfs"; then
    fail "python: no image harden-e2e/python:1 and no cached rootfs (run scripts/build-images.sh)"
elif ! "$HARDEN" oci worker --bundle "$bundle" -- python3 -c "$job" 2>"$bundle/harden.err"; then
    fail "python: harden oci failed: $(cat "$bundle/harden.err")"
else
    id="harden-e2e-$RUN_ID-python"
    containers+=("$id")
    got=$(runc run --bundle "$bundle" "$id" </dev/null 2>"$bundle/runc.err")
    expect "python3 job checksum of what it wrote to its /tmp tmpfs" "$want" "$got"
    [ "$got" = "$want" ] || tail -n 5 "$bundle/runc.err" | sed 's/^/    log| /'
fi

echo "== keys in other spellings: runc obeys them, and harden check reads them the same way"
# runc decodes config.json with Go's encoding/json, which matches keys without regard to case (and
# folds the Kelvin sign to k). Each config below is run for real, to show runc obeys the spelling,
# then audited, to show harden judged what runc ran.
bundle="$SCRATCH/spelling"
make_busybox_rootfs "$bundle/rootfs"
shared="$SCRATCH/spelling-shared"
mkdir -p "$shared" && echo spelt-out >"$shared/marker"
if ! "$HARDEN" oci worker --bundle "$bundle" -- cat /m/marker 2>"$bundle/harden.err"; then
    fail "spelling: harden oci failed: $(cat "$bundle/harden.err")"
else
    base="$bundle/config.json.base"
    mv "$bundle/config.json" "$base"
    # "Mounts" in place of "mounts", with a writable bind of a host directory added.
    jq --arg src "$shared" 'with_entries(if .key == "mounts" then .key = "Mounts" else . end)
        | .Mounts += [{"destination": "/m", "source": $src, "type": "bind", "options": ["rbind", "rw"]}]' "$base" >"$bundle/config.json"
    id="harden-e2e-$RUN_ID-spelling"
    containers+=("$id")
    got=$(runc run --bundle "$bundle" "$id" </dev/null 2>"$bundle/runc.err")
    runc delete -f "$id" >/dev/null 2>&1
    expect "runc mounts what \"Mounts\" lists" "spelt-out" "$got"
    audit=$("$HARDEN" check "$bundle/config.json" 2>&1)
    case $audit in
        *"writable-host-path"*"$shared"*) pass "harden check reads \"Mounts\" as runc does: the writable bind of $shared is found" ;;
        *) fail "harden check did not see the \"Mounts\" bind: $audit" ;;
    esac
    # A prestart hook under a key spelt with the Kelvin sign (U+212A) runs on the host as root.
    rm -f "$SCRATCH/hook-ran"
    jq --arg marker "$SCRATCH/hook-ran" '. + {"hoo\u212as": {"prestart": [{"path": "/bin/sh", "args": ["sh", "-c", ("touch " + $marker)]}]}}' "$base" >"$bundle/config.json"
    id="harden-e2e-$RUN_ID-hook"
    containers+=("$id")
    runc run --bundle "$bundle" "$id" </dev/null >/dev/null 2>"$bundle/runc.err"
    runc delete -f "$id" >/dev/null 2>&1
    if [ -e "$SCRATCH/hook-ran" ]; then pass "runc ran the Kelvin-sign \"hooKs\" prestart hook on the host"; else fail "runc did not run the hook: $(tail -n 3 "$bundle/runc.err")"; fi
    "$HARDEN" check "$bundle/config.json" >"$bundle/audit.out" 2>&1
    status=$?
    if [ "$status" = 1 ] && grep -q "not-understood: hooks.prestart runs /bin/sh on the host" "$bundle/audit.out"; then
        pass "harden check refuses the hook (exit 1, not-understood, hooks.prestart)"
    else
        fail "harden check on the hook config: exit $status: $(cat "$bundle/audit.out")"
    fi
fi

echo "oci: $checked checks, $failures failed"
[ "$failures" -eq 0 ]
