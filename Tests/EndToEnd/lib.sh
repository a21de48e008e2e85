# Shared helpers for the end-to-end cases; sourced, not run.
# Every check prints one line (ok/FAIL, what was compared, what was read) and is tallied in
# $E2E_RESULTS, so scripts/e2e.sh can print one "N passed, M failed" line for the whole suite.

: "${HARDEN:?set HARDEN to the harden binary}"
: "${E2E_RUN:=manual-$$}"
: "${E2E_RESULTS:=$(mktemp)}"
E2E_FAILED=0
E2E_LABELS=(--label harden-e2e=1 --label "harden-e2e.run=$E2E_RUN")

. "$(dirname "${BASH_SOURCE[0]}")/tally.sh"
pass() { echo "  ok   $*"; tally pass; }
fail() { echo "  FAIL $*"; tally fail; E2E_FAILED=1; }

# expect NAME EXPECTED ACTUAL
expect() {
    if [ "$2" = "$3" ]; then pass "$1: $3"; else fail "$1: expected '$2', read '$3'"; fi
}

# field KEY TEXT: the value of a `key=value` line.
field() { printf '%s\n' "$2" | awk -v key="$1=" 'index($0, key) == 1 { print substr($0, length(key) + 1); exit }'; }

# settings PROFILE KEY: a value from `harden show --format json` (what harden says the profile sets).
settings() { "$HARDEN" show --format json "$1" | jq -r "$2"; }

# wait_for SECONDS COMMAND...: retries COMMAND once a second until it succeeds or time runs out.
wait_for() {
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 1
    done
}

finish() { exit "$E2E_FAILED"; }
