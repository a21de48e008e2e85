#!/usr/bin/env bash
# The socket broker (issue 22) on the real dockerd: `harden broker containers,events` starts a
# stock HAProxy (harden-e2e/haproxy:1, Debian's haproxy) holding the socket; a client container on
# the same --internal network, holding no socket, lists containers and follows events through it,
# and every other call is refused: creating a container, exec, attach, pulling an image, and each
# attack in Tests/EndToEnd/broker-attacks.tsv, sent as raw bytes with busybox nc so that smuggling
# attempts reach HAProxy exactly as written. `harden check` accepts the broker's launch as
# socket-broker and rejects it with a published port or an edited configuration (runtime-socket).
# Then the same for a compose project whose client mounts the socket (Traefik's shape), converted
# with `harden compose --from … --docker-api client=containers,events` and run by docker-compose,
# and for `harden run --docker-api`.
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
case "$HARDEN" in */*) HARDEN=$(cd "$(dirname "$HARDEN")" && pwd)/$(basename "$HARDEN") ;; esac
COMPOSE=${HARDEN_E2E_COMPOSE:-docker-compose}
PROJECT="dockerapie2e$$"
RUNAPP="dockerapi-run-$E2E_RUN"
cleanup() {
    docker rm -f "$BROKER" "$CLIENT" "$RUNAPP" "$RUNAPP-docker-api" >/dev/null 2>&1
    docker network rm "$NET" "$RUNAPP-docker-api" >/dev/null 2>&1
    (cd "$SCRATCH/project/out" 2>/dev/null && "$COMPOSE" -p "$PROJECT" -f compose.yaml down -v --remove-orphans >/dev/null 2>&1)
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

for tool in docker jq "$COMPOSE"; do command -v "$tool" >/dev/null || { fail "$tool is not installed"; finish; }; done
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
echo "== compose: a client that mounted the socket, given a broker by harden compose --from --docker-api"
mkdir -p "$SCRATCH/project" && cd "$SCRATCH/project" || exit 1
cat >compose.yaml <<YAML
services:
  client:
    image: $CLIENT_IMAGE
    command: ["sleep", "600"]
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
YAML
"$HARDEN" compose --from compose.yaml --default-profile worker >/dev/null 2>refused.err
if [ "$?" -eq 1 ] && grep -q "runtime-socket" refused.err && grep -q -- "--docker-api client=SECTIONS" refused.err; then
    pass "without --docker-api the client is refused (runtime-socket), the fix names --docker-api client=SECTIONS"
else fail "without --docker-api: $(cat refused.err)"; fi
"$HARDEN" compose --from compose.yaml --default-profile worker --docker-api client=containers,events \
    --broker-image "$BROKER_IMAGE" -o out/compose.yaml 2>convert.err
expect "harden compose --from --docker-api: exit" 0 "$?"
sed 's/^/    stderr| /' convert.err
chmod -R a+rX "$SCRATCH/project"
cd out || exit 1
out=$("$HARDEN" check compose.yaml 2>&1); status=$?
expect "check of the converted project: exit" 0 "$status"
if grep -q "service client-docker-api: accepted, 1 warning" <<<"$out" && grep -q "warning socket-broker" <<<"$out" && ! grep -q runtime-socket <<<"$out"; then
    pass "check: the generated broker is socket-broker, the client has no socket"
else fail "check of the converted project: $out"; fi
# The three launches near the generated one that check must refuse.
sed 's|^    environment:$|    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n&|' compose.yaml >socket-back.yaml
out=$("$HARDEN" check socket-back.yaml 2>&1); status=$?
if [ "$status" -eq 1 ] && grep -q "service client: rejected" <<<"$out" && grep -q "error runtime-socket: the mount /var/run/docker.sock" <<<"$out"; then
    pass "check: the client given the socket back is runtime-socket"; else fail "check with the socket back: exit $status: $out"; fi
sed '0,/^  client-docker-api:$/s||&\n    ports: ["127.0.0.1:2375:2375"]|' compose.yaml >ported.yaml
out=$("$HARDEN" check ported.yaml 2>&1); status=$?
if [ "$status" -eq 1 ] && grep -q "error runtime-socket: .*labelled a broker but is not harden's: it publishes ports" <<<"$out"; then
    pass "check: the broker with a published port is runtime-socket"; else fail "check with a port: exit $status: $out"; fi
cp docker-api/client.cfg client.cfg.orig
sed -i 's|^    http-request deny deny_status 403$|    http-request allow if { method POST } { path -m reg ^/containers/create$ }\n&|' docker-api/client.cfg
out=$("$HARDEN" check compose.yaml 2>&1); status=$?
if [ "$status" -eq 1 ] && grep -q "is not the one harden broker writes for containers,events" <<<"$out"; then
    pass "check: the broker config edited to allow POST /containers/create is runtime-socket"; else fail "check with the edited config: exit $status: $out"; fi
cp client.cfg.orig docker-api/client.cfg

if ! "$COMPOSE" -p "$PROJECT" -f compose.yaml up -d >up.log 2>&1; then
    fail "docker-compose up"; sed 's/^/    log| /' up.log; finish
fi
pass "docker-compose up of the converted project"
cexec() { "$COMPOSE" -p "$PROJECT" -f compose.yaml exec -T client "$@"; }
# ask METHOD PATH: the status line of one call from the client to its broker.
ask() { cexec sh -c "printf '$1 $2 HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' | timeout 8 nc client-docker-api 2375" 2>/dev/null | status_of; }
ask_get() { cexec sh -c "printf 'GET $1 HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n' | timeout 8 nc client-docker-api 2375" 2>/dev/null; }
ready=no
for _ in $(seq 30); do [ "$(ask_get /containers/json | status_of)" = 200 ] && { ready=yes; break; }; sleep 1; done
[ "$ready" = yes ] || fail "the compose broker never answered 200: $("$COMPOSE" -p "$PROJECT" -f compose.yaml logs --tail 5 client-docker-api 2>&1)"
expect "compose client: DOCKER_HOST" "tcp://client-docker-api:2375" "$(cexec sh -c 'echo $DOCKER_HOST' | tr -d '\r')"
if cexec sh -c 'test ! -S /var/run/docker.sock && test ! -e /run/docker.sock'; then pass "compose client holds no socket"; else fail "the compose client sees a socket"; fi
answer=$(ask_get /v1.41/containers/json)
expect "compose client lists containers: status" 200 "$(status_of <<<"$answer")"
if grep -q "${PROJECT}_client-docker-api_1" <<<"$answer"; then pass "compose client's list names its broker"; else fail "compose list: $(head -c 300 <<<"$answer")"; fi
cmarker="dockerapi-event-$E2E_RUN"
( cexec sh -c "printf 'GET /events?filters=%%7B%%22type%%22%%3A%%5B%%22container%%22%%5D%%7D HTTP/1.1\r\nHost: docker\r\n\r\n' | timeout 6 nc client-docker-api 2375" >"$SCRATCH/cevents.out" 2>/dev/null ) &
follower=$!
sleep 2
docker run --rm --name "$cmarker" "${E2E_LABELS[@]}" --network none "$CLIENT_IMAGE" true >/dev/null 2>&1
wait "$follower"
if grep -q "$cmarker" "$SCRATCH/cevents.out"; then pass "compose client follows events: the new container's came through"; else fail "compose events: $(head -c 300 "$SCRATCH/cevents.out")"; fi
expect "compose client: POST /containers/create" 403 "$(ask POST /v1.41/containers/create)"
expect "compose client: POST /images/create (pull)" 403 "$(ask POST '/images/create?fromImage=busybox')"
broker_id=$("$COMPOSE" -p "$PROJECT" -f compose.yaml ps -q client-docker-api)
expect "compose broker: read-only, no capabilities, nobody, no ports" "true [\"ALL\"] 65534:65534 {}" \
    "$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}} {{json .HostConfig.CapDrop}} {{.Config.User}} {{json .HostConfig.PortBindings}}' "$broker_id")"
expect "compose broker network internal" true "$(docker network inspect -f '{{.Internal}}' "${PROJECT}_client-docker-api")"
"$COMPOSE" -p "$PROJECT" -f compose.yaml down -v --remove-orphans >/dev/null 2>&1

echo "== harden run --docker-api"
cd "$SCRATCH" || exit 1
probe='for i in 1 2 3 4 5 6 7 8 9 10; do r=$(printf "GET /containers/json HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n" | timeout 5 nc $(echo "$DOCKER_HOST" | sed "s|tcp://||; s|:.*||") 2375 | head -n 1); case "$r" in *" 200 "*) break ;; esac; sleep 1; done; echo "$r"; test -S /var/run/docker.sock && echo SOCKET; exit 0'
out=$("$HARDEN" run --docker-api containers --broker-image "$BROKER_IMAGE" --broker-config "$SCRATCH/run-broker.cfg" \
    worker --name "$RUNAPP" --rm "${E2E_LABELS[@]}" -v /var/run/docker.sock:/var/run/docker.sock -- "$CLIENT_IMAGE" sh -c "$probe" 2>"$SCRATCH/run.err")
status=$?
expect "harden run --docker-api: exit" 0 "$status"
if grep -q " 200 " <<<"$out" && ! grep -q SOCKET <<<"$out"; then pass "harden run --docker-api: the app lists containers through its broker, and holds no socket"; else fail "harden run --docker-api: $out $(cat "$SCRATCH/run.err")"; fi
expect "harden run --docker-api: the broker's network is internal" true "$(docker network inspect -f '{{.Internal}}' "$RUNAPP-docker-api" 2>&1)"
out=$("$HARDEN" run --docker-api containers --broker-image "$BROKER_IMAGE" --broker-config "$SCRATCH/run-broker.cfg" \
    worker --name "$RUNAPP" --rm "${E2E_LABELS[@]}" -- "$CLIENT_IMAGE" sh -c "$probe" 2>"$SCRATCH/run2.err")
if grep -q " 200 " <<<"$out" && grep -q "the broker $RUNAPP-docker-api for containers is already running" "$SCRATCH/run2.err"; then
    pass "harden run --docker-api again: the running broker is used again"; else fail "harden run --docker-api again: $out $(cat "$SCRATCH/run2.err")"; fi
finish
