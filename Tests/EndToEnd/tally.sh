# The one place a check's outcome is recorded, so scripts/e2e.sh's closing "N passed, M failed"
# counts every check of every case, whichever helpers the case prints with. Sourced, not run.
# tally pass|fail
tally() { [ -n "${E2E_RESULTS:-}" ] && echo "$1" >>"$E2E_RESULTS"; return 0; }
