#!/usr/bin/env bash
# Secrets passed with --secret NAME=FILE reach the container as a read-only file at
# /run/secrets/NAME, and their value appears nowhere else.
#
# For each built-in profile through `harden run` on docker (and one on podman), and for a busybox
# bundle from `harden oci` under runc: inside, the file's sha256 equals the host file's (the value
# itself is never printed) and a write to it is refused. While each container runs, `ps -eo args`
# is searched for the value; so are the --dry-run output, harden's stderr, `docker inspect`, the
# seccomp filters harden cached, and the bundle's config.json. A file the profile's user cannot read
# is refused before the engine is touched, and a secret in an env file is pointed at --secret.
#
# Needs: root, HARDEN, dockerd and podman with the image harden-e2e/busybox:1, runc, jq, sha256sum,
# /bin/busybox (busybox-static). Exit status: 0 when every check holds, 1 otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"
IMAGE=harden-e2e/busybox:1
SCRATCH=$(mktemp -d /tmp/harden-e2e-secrets.XXXXXX)
chmod 755 "$SCRATCH"
# Our own cache, so every filter harden writes during this case can be searched.
export XDG_CACHE_HOME="$SCRATCH/cache"
# podman on these hosts needs runc (see scripts/e2e.sh); keep the host's containers.conf alone.
if [ -z "${CONTAINERS_CONF:-}" ]; then
    export CONTAINERS_CONF="$SCRATCH/containers.conf"
    printf '[engine]\nruntime = "runc"\n' >"$CONTAINERS_CONF"
fi
bundles=()
cleanup() {
    docker ps -aq --filter "label=harden-e2e.run=$E2E_RUN" --filter label=harden-e2e.case=secrets | xargs -r docker rm -f >/dev/null 2>&1
    podman ps -aq --filter label=harden-e2e.case=secrets | xargs -r podman rm -f >/dev/null 2>&1
    for id in "${bundles[@]}"; do runc delete -f "$id" >/dev/null 2>&1; done
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
LABELS=("${E2E_LABELS[@]}" --label harden-e2e.case=secrets)

for tool in docker podman runc jq sha256sum; do
    command -v "$tool" >/dev/null || { fail "$tool is not installed"; finish; }
done
docker image inspect "$IMAGE" >/dev/null 2>&1 || { fail "image $IMAGE is missing (scripts/build-images.sh)"; finish; }

# The value: random, written by a shell builtin so it never stands in a process's arguments.
SECRET="harden-e2e-secret-$RANDOM$RANDOM$RANDOM-$$"
printf '%s' "$SECRET" >"$SCRATCH/value.pattern"
want_sha=$(printf '%s' "$SECRET" | sha256sum | cut -d' ' -f1)

# leaks WHAT FILE...: fails when any file holds the value.
leaks() {
    local what=$1; shift
    local found
    found=$(grep -rlF -f "$SCRATCH/value.pattern" -- "$@" 2>/dev/null)
    if [ -z "$found" ]; then pass "$what: the value is absent"; else fail "$what: the value is in $found"; fi
}

# ps_clean WHAT: the value in no process's arguments, read into a variable first so that no
# process started to look for it carries it.
ps_clean() {
    local table
    table=$(ps -eo args)
    if [[ $table == *"$SECRET"* ]]; then fail "$1: the value shows in ps -eo args"; else pass "$1: the value is absent from ps -eo args ($(printf '%s\n' "$table" | wc -l) processes)"; fi
}

# secret_file GID: a file holding the value that only root and the group GID can read.
secret_file() {
    local file="$SCRATCH/secret-$1"
    printf '%s' "$SECRET" >"$file"
    chown "0:$1" "$file"
    chmod 0440 "$file"
    printf '%s' "$file"
}

INSIDE='sha256sum /run/secrets/db | cut -d" " -f1 | sed "s/^/sha=/"
if echo x >/run/secrets/db 2>/dev/null; then echo write=allowed; else echo write=refused; fi
echo "mount=$(awk '"'"'$2 == "/run/secrets/db" { print $4 }'"'"' /proc/mounts | cut -d, -f1)"
sleep 4'

run_case() {
    local engine=$1 profile=$2 gid file name out status dry extra=()
    [ "$engine" = podman ] && extra=(--ulimit nproc=1024:1024)
    gid=$("$HARDEN" show --format json "$profile" | jq -r .gid)
    file=$(secret_file "$gid")
    name="harden-e2e-$E2E_RUN-secret-$profile-$engine"
    echo "== $profile on $engine (secret owned 0:$gid, mode 0440)"
    dry=$("$HARDEN" run --engine "$engine" --dry-run "$profile" --secret "db=$file" --name "$name" "$IMAGE" true 2>&1)
    if [[ $dry == *"--mount type=bind,source=$file,target=/run/secrets/db,readonly"* ]]; then
        pass "--dry-run mounts $file read-only at /run/secrets/db"
    else
        fail "--dry-run has no read-only mount of $file: $dry"
    fi
    if [[ $dry == *"$SECRET"* ]]; then fail "--dry-run output holds the value"; else pass "--dry-run output: the value is absent"; fi

    "$HARDEN" run --engine "$engine" "$profile" --secret "db=$file" --name "$name" "${LABELS[@]}" "${extra[@]}" \
        "$IMAGE" sh -c "$INSIDE" >"$SCRATCH/$name.out" 2>"$SCRATCH/$name.err" &
    local pid=$!
    if wait_for 30 sh -c "[ \"\$($engine inspect -f '{{.State.Running}}' '$name' 2>/dev/null)\" = true ]"; then
        ps_clean "$profile on $engine, while the container runs"
    else
        fail "$profile on $engine: the container never ran: $(cat "$SCRATCH/$name.err")"
    fi
    wait "$pid"
    status=$?
    out=$(cat "$SCRATCH/$name.out")
    expect "$profile on $engine: exit status" 0 "$status"
    expect "$profile on $engine: sha256 of /run/secrets/db inside equals the host file's" "$want_sha" "$(field sha "$out")"
    expect "$profile on $engine: a write to the secret" refused "$(field write "$out")"
    expect "$profile on $engine: /run/secrets/db is mounted" ro "$(field mount "$out")"
    leaks "$profile on $engine: harden's stderr" "$SCRATCH/$name.err"
    "$engine" inspect "$name" >"$SCRATCH/$name.inspect" 2>&1
    leaks "$profile on $engine: $engine inspect" "$SCRATCH/$name.inspect"
    "$engine" rm -f "$name" >/dev/null 2>&1
}

# A control: the same search does see a value passed the old way, in -e.
echo "== control: a value in -e"
control="harden-e2e-control-$RANDOM$RANDOM"
name="harden-e2e-$E2E_RUN-secret-control"
"$HARDEN" run worker -e "DB_PASSWORD=$control" --name "$name" "${LABELS[@]}" "$IMAGE" sleep 4 >/dev/null 2>&1 &
pid=$!
if wait_for 30 sh -c "[ \"\$(docker inspect -f '{{.State.Running}}' '$name' 2>/dev/null)\" = true ]"; then
    table=$(ps -eo args)
    if [[ $table == *"$control"* ]]; then pass "control: a value given with -e shows in ps -eo args"; else fail "control: ps -eo args does not show a value given with -e; the search proves nothing"; fi
else
    fail "control: the container never ran"
fi
wait "$pid"
docker rm -f "$name" >/dev/null 2>&1

for profile in web worker db; do run_case docker "$profile"; done
run_case podman worker
leaks "every seccomp filter harden cached" "$XDG_CACHE_HOME"

echo "== refusals and hints"
unreadable="$SCRATCH/unreadable"
printf '%s' "$SECRET" >"$unreadable"
chmod 0600 "$unreadable"
before=$(docker ps -aq --filter "label=harden-e2e.run=$E2E_RUN" | wc -l)
err=$("$HARDEN" run worker --secret "db=$unreadable" "${LABELS[@]}" "$IMAGE" true 2>&1)
expect "a secret file 65532 cannot read: exit status" 1 "$?"
if [[ $err == *"secret-unreadable"*"chgrp 65532 $unreadable && chmod 0440 $unreadable"* ]]; then pass "the refusal names the chgrp and chmod that fix it"; else fail "refusal: $err"; fi
expect "nothing was created for the refused launch" "$before" "$(docker ps -aq --filter "label=harden-e2e.run=$E2E_RUN" | wc -l)"
printf 'DB_USER=app\nDB_PASSWORD=%s\n' "$SECRET" >"$SCRATCH/app.env"
err=$("$HARDEN" run --dry-run worker --env-file "$SCRATCH/app.env" "$IMAGE" true 2>&1 >/dev/null)
if [[ $err == *"secret-in-environment: the env file $SCRATCH/app.env sets DB_PASSWORD (line 2)"*"--secret db-password=FILE"* ]]; then
    pass "a secret in an env file is pointed at --secret db-password=FILE"
else
    fail "env file warning: $err"
fi
if [[ $err == *"$SECRET"* ]]; then fail "the env file warning repeats the value"; else pass "the env file warning does not repeat the value"; fi

echo "== harden oci under runc"
bundle="$SCRATCH/bundle"
mkdir -p "$bundle/rootfs"/{bin,etc,tmp,proc,dev,sys,run}
cp /bin/busybox "$bundle/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -sf busybox "$bundle/rootfs/bin/$applet"; done
printf 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/:/bin/sh\n' >"$bundle/rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$bundle/rootfs/etc/group"
chmod 1777 "$bundle/rootfs/tmp"
file=$(secret_file 65532)
if "$HARDEN" oci worker --secret "db=$file" --bundle "$bundle" -- /bin/sh -c "$INSIDE" 2>"$SCRATCH/oci.err"; then
    pass "harden oci wrote $bundle/config.json"
else
    fail "harden oci: $(cat "$SCRATCH/oci.err")"
fi
expect "config.json binds the file read-only at /run/secrets/db" "$file ro" \
    "$(jq -r '.mounts[] | select(.destination == "/run/secrets/db") | "\(.source) \(if (.options | index("ro")) then "ro" else "rw" end)"' "$bundle/config.json")"
leaks "config.json and harden's stderr" "$bundle/config.json" "$SCRATCH/oci.err"
id="harden-e2e-$E2E_RUN-secret-oci"
bundles+=("$id")
runc run --bundle "$bundle" "$id" </dev/null >"$SCRATCH/runc.out" 2>"$SCRATCH/runc.err" &
pid=$!
if wait_for 20 sh -c "runc state '$id' 2>/dev/null | grep -q '\"status\": \"running\"'"; then
    ps_clean "the runc bundle, while it runs"
else
    fail "the bundle never ran: $(cat "$SCRATCH/runc.err")"
fi
wait "$pid"
expect "runc: exit status" 0 "$?"
out=$(cat "$SCRATCH/runc.out")
expect "runc: sha256 of /run/secrets/db inside equals the host file's" "$want_sha" "$(field sha "$out")"
expect "runc: a write to the secret" refused "$(field write "$out")"
expect "runc: /run/secrets/db is mounted" ro "$(field mount "$out")"
leaks "the bundle directory after the run" "$bundle/config.json"
finish
