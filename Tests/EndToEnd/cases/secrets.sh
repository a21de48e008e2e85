#!/usr/bin/env bash
# Secrets passed with --secret NAME=FILE reach the container as a read-only file at
# /run/secrets/NAME, and their value appears nowhere else.
#
# For each built-in profile through `harden run` on docker (and one on podman), and for a busybox
# bundle from `harden oci` under runc: inside, the file's sha256 equals the host file's (the value
# itself is never printed) and a write to it is refused. While each container runs, `ps -eo args`
# is searched for the value; so are the --dry-run output, harden's stderr, `docker inspect`, the
# seccomp filters harden cached, and the bundle's config.json. The same under docker-compose for a
# `harden compose` fragment (the fragment and its seccomp filter searched too). For `harden k8s`,
# with no cluster: the Pod names Secret NAME-secrets and holds neither the value nor its base64, the
# kubectl command harden prints builds that Secret from the file (run with --dry-run=client), and
# kubernetes-validate accepts the Pod. A file the profile's user cannot read is refused before the
# engine is touched, and a secret in an env file is pointed at --secret.
#
# Needs: root, HARDEN, dockerd and podman with the image harden-e2e/busybox:1, runc, docker-compose,
# kubectl, jq, sha256sum, base64, /bin/busybox (busybox-static), and kubernetes-validate in the venv
# the k8s case makes. Exit status: 0 when every check holds, 1 otherwise.
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

for tool in docker podman runc docker-compose kubectl jq sha256sum base64; do
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

echo "== harden compose under docker-compose"
project="hardene2esecret$$"
mkdir -p "$SCRATCH/compose"
cd "$SCRATCH/compose" || exit 1
file=$(secret_file 65532)
if "$HARDEN" compose worker --service job --secret "db=$file" "${LABELS[@]}" "$IMAGE" sh -c "$INSIDE" >job.yml 2>compose.err; then
    pass "harden compose wrote job.yml"
else
    fail "harden compose: $(cat compose.err)"
fi
if grep -q "compose has no uid, gid or mode for file secrets" compose.err; then pass "stderr says compose has no uid, gid or mode for file secrets"; else fail "no note about file secret ownership: $(cat compose.err)"; fi
leaks "the compose file, the seccomp filter beside it and harden's stderr" job.yml seccomp compose.err
docker-compose -p "$project" -f job.yml up -d >compose-up.log 2>&1 || fail "docker-compose up: $(tail -n 5 compose-up.log)"
cid=$(docker-compose -p "$project" -f job.yml ps -q job 2>/dev/null)
if [ -n "$cid" ] && wait_for 30 sh -c "[ \"\$(docker inspect -f '{{.State.Running}}' '$cid' 2>/dev/null)\" = true ]"; then
    ps_clean "the compose service, while it runs"
else
    fail "the compose service never ran: $(tail -n 5 compose-up.log)"
fi
expect "docker-compose: exit status" 0 "$(docker wait "$cid" 2>/dev/null)"
out=$(docker logs "$cid" 2>&1)
expect "docker-compose: sha256 of /run/secrets/db inside equals the host file's" "$want_sha" "$(field sha "$out")"
expect "docker-compose: a write to the secret" refused "$(field write "$out")"
expect "docker-compose: /run/secrets/db is mounted" ro "$(field mount "$out")"
docker inspect "$cid" >compose.inspect 2>&1
leaks "docker inspect of the compose container" compose.inspect
docker-compose -p "$project" -f job.yml down -v >/dev/null 2>&1
cd "$SCRATCH" || exit 1

echo "== harden k8s (no cluster: the objects are checked, and kubectl builds the Secret offline)"
base64_value=$(printf '%s' "$SECRET" | base64 -w0)
printf '%s\n%s' "$SECRET" "$base64_value" >"$SCRATCH/value-or-base64.pattern"
"$HARDEN" k8s worker --name job --namespace apps --secret "db=$file" "$IMAGE" sh -c "$INSIDE" >job.yaml 2>k8s.err
expect "harden k8s: exit status" 0 "$?"
if grep -rqF -f "$SCRATCH/value-or-base64.pattern" job.yaml k8s.err; then fail "the Pod or harden's stderr holds the value or its base64"; else pass "the Pod and harden's stderr: neither the value nor its base64"; fi
expect "the Pod mounts Secret job-secrets read-only at /run/secrets" "job-secrets db /run/secrets true" \
    "$("$HARDEN" k8s worker --name job --namespace apps --secret "db=$file" --format json "$IMAGE" true 2>/dev/null |
        jq -r '[(.spec.volumes[] | select(.secret) | .secret.secretName, .secret.items[0].key), (.spec.containers[0].volumeMounts[] | select(.mountPath == "/run/secrets") | .mountPath, .readOnly)] | join(" ")')"
command=$(sed -n 's/.*create it from the files (no value is in the YAML): //p' k8s.err)
expect "stderr prints the kubectl command that creates it from the file" "kubectl create secret generic job-secrets --namespace apps --from-file=db=$file" "$command"
read -r -a words <<<"$command"
created=$("${words[@]}" --dry-run=client -o json 2>&1)
# Compared without printing: the base64 of the value is as good as the value.
if [ "$(printf '%s' "$created" | jq -r '"\(.metadata.name) \(.metadata.namespace) \(.data.db)"')" = "job-secrets apps $base64_value" ]; then
    pass "that command, run offline, makes Secret job-secrets in apps holding the file's bytes under key db"
else
    fail "the printed kubectl command does not make the Secret the Pod needs: $(printf '%s' "$created" | jq -c '.metadata' 2>&1)"
fi
validate=${HARDEN_E2E_DIR:-/var/tmp/harden-e2e}/venv/bin/kubernetes-validate
if [ -x "$validate" ]; then
    if result=$("$validate" --strict job.yaml 2>&1); then pass "kubernetes-validate --strict accepts the Pod with its Secret volume"; else fail "kubernetes-validate: $result"; fi
else
    fail "kubernetes-validate is missing at $validate (the k8s case installs it)"
fi
finish
