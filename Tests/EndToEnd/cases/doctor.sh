#!/usr/bin/env bash
# `harden doctor` against the real engines: what it reports about the socket and the engine must be
# what stat(1), `docker info` and `podman info` say, and its exit status must follow its errors.
#
# On the running dockerd: the socket's mode, owner and group against `stat -c '%a %U %G'`; rootless,
# user namespace remapping, seccomp, cgroup version and live-restore against `docker info`. The same
# for podman against `podman info`. Then what it finds without an engine (a socket file nobody
# listens on, made world-writable and given a group with a member: errors and exit 1; DOCKER_HOST over
# tcp:// without TLS: an error), and that no engine at all is reported, not crashed on.
#
# Needs: root, HARDEN, a running dockerd, podman, jq, perl (perl-base), useradd, groupadd.
# Exit status: 0 when every check holds, 1 otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"
SCRATCH=$(mktemp -d /tmp/harden-e2e-doctor.XXXXXX)
GROUP=harden-e2e-doc
MEMBER=harden-e2e-doc
cleanup() {
    id "$MEMBER" >/dev/null 2>&1 && userdel "$MEMBER" >/dev/null 2>&1
    getent group "$GROUP" >/dev/null && groupdel "$GROUP" >/dev/null 2>&1
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

for tool in docker podman jq perl stat useradd groupadd; do
    command -v "$tool" >/dev/null || { fail "$tool is not installed"; finish; }
done
docker info >/dev/null 2>&1 || { fail "dockerd is not reachable"; finish; }

echo "== docker, as configured on this host"
json=$("$HARDEN" doctor --format json)
status=$?
get() { printf '%s' "$json" | jq -r "$1"; }
expect "exit status follows the errors found" "$([ "$(get .errors)" -gt 0 ] && echo 1 || echo 0)" "$status"
socket=$(get .socket.path)
expect "the socket is the default endpoint's" /var/run/docker.sock "$socket"
expect "socket mode, owner and group as stat prints them" "$(stat -L -c '%a %U %G' "$socket")" "$(get '"\(.socket.mode) \(.socket.owner) \(.socket.group)"')"
info=$(docker info --format '{{json .}}')
from_info() { printf '%s' "$info" | jq -r "$1"; }
expect "rootless, as docker info's SecurityOptions say" "$(from_info '[.SecurityOptions[] | select(. == "name=rootless")] | length > 0')" "$(get .engine.rootless)"
expect "user namespace remapping, as docker info says" "$(from_info '[.SecurityOptions[] | select(. == "name=userns")] | length > 0')" "$(get .engine.userNamespaceRemap)"
expect "seccomp, as docker info says" "$(from_info '.SecurityOptions[] | select(startswith("name=seccomp")) | capture("profile=(?<p>[^,]+)").p')" "$(get .engine.seccomp)"
expect "cgroup version, as docker info says" "$(from_info .CgroupVersion)" "$(get .engine.cgroupVersion)"
expect "live-restore, as docker info says" "$(from_info .LiveRestoreEnabled)" "$(get .engine.liveRestore)"
expect "server version, as docker info says" "$(from_info .ServerVersion)" "$(get .engine.version)"
text=$("$HARDEN" doctor)
line=$(printf '%s\n' "$text" | awk '$1 == "socket:" { print $2, $3, $4 }')
expect "the text report's socket line" "$socket $(stat -L -c '%U:%G %a' "$socket")" "$line"
rootless=$(printf '%s\n' "$text" | awk '$1 == "rootless:" { print $2 }')
expect "the text report's rootless line" "$([ "$(get .engine.rootless)" = true ] && echo yes || echo no)" "$rootless"
printf '%s\n' "$text" | sed 's/^/    | /'
sarif=$("$HARDEN" doctor --format sarif)
expect "sarif: one result per finding" "$(get '.findings | length')" "$(printf '%s' "$sarif" | jq '.runs[0].results | length')"

echo "== podman, as configured on this host"
json=$("$HARDEN" doctor --engine podman --format json)
status=$?
pinfo=$(podman info --format json)
expect "podman: exit status follows the errors found" "$([ "$(get .errors)" -gt 0 ] && echo 1 || echo 0)" "$status"
expect "podman: rootless, as podman info says" "$(printf '%s' "$pinfo" | jq -r .host.security.rootless)" "$(get .engine.rootless)"
expect "podman: version, as podman info says" "$(printf '%s' "$pinfo" | jq -r .version.Version)" "$(get .engine.version)"
expect "podman: cgroup version, as podman info says" "$(printf '%s' "$pinfo" | jq -r '.host.cgroupVersion | ltrimstr("v")')" "$(get .engine.cgroupVersion)"

echo "== a socket nobody listens on, world-writable, its group with a member"
groupadd "$GROUP"
useradd -M -N -g users -G "$GROUP" "$MEMBER"
fake="$SCRATCH/engine.sock"
# Bound, never listening: a connection is refused at once, as with a stopped daemon's leftover socket.
perl -MSocket -e 'socket(my $s, PF_UNIX, SOCK_STREAM, 0) or die $!; bind($s, pack_sockaddr_un($ARGV[0])) or die $!' "$fake"
chgrp "$GROUP" "$fake"
chmod 0666 "$fake"
json=$(DOCKER_HOST="unix://$fake" "$HARDEN" doctor --format json)
status=$?
expect "exit status with a world-writable socket" 1 "$status"
expect "engine reachable" false "$(get .engine.reachable)"
expect "socket mode, owner and group as stat prints them" "$(stat -c '%a %U %G' "$fake")" "$(get '"\(.socket.mode) \(.socket.owner) \(.socket.group)"')"
expect "findings" "client-tcp-without-tls=no socket-world-writable=yes engine-unreachable=yes docker-group-members=yes" \
    "$(get '[("client-tcp-without-tls", "socket-world-writable", "engine-unreachable", "docker-group-members") as $id | "\($id)=\(if ([.findings[].rule] | index($id)) then "yes" else "no" end)"] | join(" ")')"
members=$(get '.findings[] | select(.rule == "docker-group-members") | .message')
if [[ $members == "$MEMBER is in group $GROUP"* ]]; then pass "the group's member is named: $members"; else fail "group members: $members"; fi
chmod 0660 "$fake"
json=$(DOCKER_HOST="unix://$fake" "$HARDEN" doctor --format json)
expect "exit status once the socket is 0660" 0 "$?"
expect "socket mode after chmod 0660" 660 "$(get .socket.mode)"

echo "== DOCKER_HOST over tcp:// without TLS, nothing listening"
json=$(DOCKER_HOST=tcp://127.0.0.1:9 "$HARDEN" doctor --format json)
expect "exit status" 1 "$?"
expect "first finding" client-tcp-without-tls "$(get '.findings[0].rule')"
json=$(DOCKER_HOST=tcp://127.0.0.1:9 DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$SCRATCH" "$HARDEN" doctor --format json)
expect "with DOCKER_TLS_VERIFY=1: exit status" 0 "$?"
expect "with DOCKER_TLS_VERIFY=1: transport" tls "$(get .endpoint.transport)"

echo "== no docker client at all"
json=$(PATH=/nonexistent "$HARDEN" doctor --format json)
expect "exit status" 0 "$?"
expect "the reason" "docker is not on PATH" "$(get .engine.error)"
finish
