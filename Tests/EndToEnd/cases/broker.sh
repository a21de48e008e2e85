#!/usr/bin/env bash
# The socket broker (issue 22) on the real dockerd: `harden broker containers,events` starts a
# stock HAProxy (harden-e2e/haproxy:1, Debian's haproxy) holding the socket; a client container on
# the same --internal network, holding no socket, lists containers and follows events through it,
# and every other call is refused: creating a container, exec, attach, pulling an image, and each
# attack in Tests/EndToEnd/broker-attacks.tsv, sent as raw bytes with busybox nc so that smuggling
# attempts reach HAProxy exactly as written. `harden check` accepts the broker's launch as
# socket-broker and rejects it with a published port or an edited configuration (runtime-socket).
#
# Needs: root, HARDEN, dockerd with harden-e2e/haproxy:1 and harden-e2e/busybox:1, jq.
# Exit status: 0 when every check holds, 1 otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib.sh"
BROKER_IMAGE=harden-e2e/haproxy:1
CLIENT_IMAGE=harden-e2e/busybox:1
ATTACKS="$here/broker-attacks.tsv"
SCRATCH=$(mktemp -d /tmp/harden-e2e-broker.XXXXXX)
chmod 755 "$SCRATCH"
NET="harden-broker-$E2E_RUN"
BROKER="docker-api-$E2E_RUN"
CLIENT="broker-client-$E2E_RUN"
cleanup() {
    docker rm -f "$BROKER" "$CLIENT" >/dev/null 2>&1
    docker network rm "$NET" >/dev/null 2>&1
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

for tool in docker jq; do command -v "$tool" >/dev/null || { fail "$tool is not installed"; finish; }; done
for image in "$BROKER_IMAGE" "$CLIENT_IMAGE"; do
    docker image inspect "$image" >/dev/null 2>&1 || { fail "image $image is missing (scripts/build-images.sh)"; finish; }
done

docker network create --internal "${E2E_LABELS[@]}" "$NET" >/dev/null || { fail "cannot create the internal network $NET"; finish; }
config="$SCRATCH/broker.cfg"
broker_args=(broker containers,events --network "$NET" --name "$BROKER" --image "$BROKER_IMAGE" -o "$config")

# What harden prints is what harden check accepts, and what it starts.
line=$("$HARDEN" "${broker_args[@]}" --dry-run 2>"$SCRATCH/dry.err")
[ -n "$line" ] || { fail "harden broker --dry-run printed nothing: $(cat "$SCRATCH/dry.err")"; finish; }
read -r -a words <<<"$line"
out=$("$HARDEN" check -- "${words[@]}" 2>&1); status=$?
expect "check of the broker's launch: exit" 0 "$status"
if grep -q "warning socket-broker" <<<"$out" && ! grep -q runtime-socket <<<"$out"; then pass "check: socket-broker, not runtime-socket"; else fail "check: $out"; fi
ported=("${words[@]:0:${#words[@]}-1}" -p 2375:2375 "${words[-1]}")
out=$("$HARDEN" check -- "${ported[@]}" 2>&1); status=$?
if [ "$status" -eq 1 ] && grep -q "runtime-socket" <<<"$out" && grep -q "publishes ports" <<<"$out"; then pass "check: the broker with a published port is runtime-socket"; else fail "check with -p: exit $status: $out"; fi
cp "$config" "$SCRATCH/edited.cfg"
sed -i 's|^    http-request deny deny_status 403$|    http-request allow if { method POST } { path -m reg ^/containers/create$ }\n&|' "$SCRATCH/edited.cfg"
edited=("${words[@]//"$config"/"$SCRATCH/edited.cfg"}")
out=$("$HARDEN" check -- "${edited[@]}" 2>&1); status=$?
if [ "$status" -eq 1 ] && grep -q "is not the one harden broker writes" <<<"$out"; then pass "check: a config edited to allow POST /containers/create is runtime-socket"; else fail "check with the edited config: exit $status: $out"; fi

"$HARDEN" "${broker_args[@]}" >"$SCRATCH/start.out" 2>"$SCRATCH/start.err" || { fail "harden broker did not start the broker: $(cat "$SCRATCH/start.err")"; finish; }
if ! wait_for 20 sh -c "[ \"\$(docker inspect -f '{{.State.Running}}' $BROKER)\" = true ]"; then
    fail "the broker is not running: $(docker logs "$BROKER" 2>&1 | tail -5)"; finish
fi
inspect=$(docker inspect "$BROKER")
expect "broker read-only root" true "$(jq -r '.[0].HostConfig.ReadonlyRootfs' <<<"$inspect")"
expect "broker capabilities dropped" '["ALL"]' "$(jq -c '.[0].HostConfig.CapDrop' <<<"$inspect")"
expect "broker user" 65534:65534 "$(jq -r '.[0].Config.User' <<<"$inspect")"
expect "broker published ports" '{}' "$(jq -c '.[0].HostConfig.PortBindings // {}' <<<"$inspect")"
expect "broker mounts (read-only)" "/usr/local/etc/haproxy/haproxy.cfg:false /var/run/docker.sock:false" \
    "$(jq -r '[.[0].Mounts[] | "\(.Destination):\(.RW)"] | sort | join(" ")' <<<"$inspect")"
id=$(jq -r '.[0].Id' <<<"$inspect")

# The client: hardened, on the internal network only, no socket.
docker run -d --name "$CLIENT" "${E2E_LABELS[@]}" --network "$NET" --read-only --cap-drop ALL --user 65532:65532 \
    --security-opt no-new-privileges -e "DOCKER_HOST=tcp://$BROKER:2375" "$CLIENT_IMAGE" sleep 600 >/dev/null || { fail "the client did not start"; finish; }
expect "client mounts" '[]' "$(docker inspect -f '{{json .Mounts}}' "$CLIENT")"
if docker exec "$CLIENT" sh -c 'ls /var/run/docker.sock /run/docker.sock' >/dev/null 2>&1; then fail "the client sees a socket"; else pass "the client holds no socket"; fi

# send FILE: the raw request in FILE, from the client; prints the whole answer.
send() { docker exec -i "$CLIENT" timeout 8 nc "$BROKER" 2375 <"$1" 2>/dev/null; }
status_of() { head -n 1 | tr -d '\r' | awk '$1 ~ /^HTTP\/1\.[01]$/ { print $2 }'; }
wait_for 20 sh -c "printf 'GET /containers/json HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n' | docker exec -i $CLIENT timeout 5 nc $BROKER 2375 | head -n 1 | grep -q ' 200 '" ||
    fail "the broker never answered 200 to GET /containers/json: $(docker logs "$BROKER" 2>&1 | tail -3)"

printf 'GET /v1.41/containers/json HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n' >"$SCRATCH/list"
answer=$(send "$SCRATCH/list")
expect "list containers: status" 200 "$(status_of <<<"$answer")"
if grep -q "\"/$BROKER\"" <<<"$answer"; then pass "list containers names the broker"; else fail "list containers: $(head -c 300 <<<"$answer")"; fi

# Events: follow the stream while a container starts, and see it come through.
printf 'GET /events?filters=%%7B%%22type%%22%%3A%%5B%%22container%%22%%5D%%7D HTTP/1.1\r\nHost: docker\r\n\r\n' >"$SCRATCH/events"
( docker exec -i "$CLIENT" timeout 10 nc "$BROKER" 2375 <"$SCRATCH/events" >"$SCRATCH/events.out" 2>/dev/null ) &
follower=$!
sleep 2
marker="broker-event-$E2E_RUN"
docker run --rm --name "$marker" "${E2E_LABELS[@]}" --network none "$CLIENT_IMAGE" true >/dev/null 2>&1
wait "$follower"
expect "follow events: status" 200 "$(status_of <"$SCRATCH/events.out")"
if grep -q "$marker" "$SCRATCH/events.out"; then pass "follow events: the new container's events came through"; else fail "follow events: no event for $marker: $(head -c 300 "$SCRATCH/events.out")"; fi

# The attack table.
big="X-Big: $(head -c 10485760 /dev/zero | tr '\0' a)"
while IFS=$'\t' read -r name expected request; do
    case "$name" in '' | '#'*) continue ;; esac
    request=${request//@ID@/$id}
    if [[ "$request" == *@BIG@* ]]; then
        printf '%b' "${request%%@BIG@*}" >"$SCRATCH/req"; printf '%s' "$big" >>"$SCRATCH/req"; printf '%b' "${request#*@BIG@}" >>"$SCRATCH/req"
    else
        printf '%b' "$request" >"$SCRATCH/req"
    fi
    got=$(send "$SCRATCH/req" | status_of)
    case "$expected" in
        [0-9][0-9][0-9]) [ "$got" = "$expected" ] ;;
        2xx) [[ "$got" == 2?? ]] ;;
        refused) [[ "$got" != 2?? ]] ;;
        *) false ;;
    esac && pass "attack '$name': $expected (read ${got:-no HTTP/1 status})" || fail "attack '$name': expected $expected, read ${got:-no HTTP/1 status}"
done <"$ATTACKS"

# No exec the attacks asked for reached the engine.
expect "exec sessions in the broker" null "$(docker inspect -f '{{json .ExecIDs}}' "$BROKER")"
finish
