#!/usr/bin/env bash
# Builds the release binary as the README's Install section does and checks what the build
# promises, so a toolchain or flag change cannot quietly undo it: a static-PIE executable (no
# dynamic loader, loaded at a random address), no rpath, no full Foundation, and a binary that runs.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-release: $*" >&2; exit 1; }
command -v readelf >/dev/null && command -v nm >/dev/null || { apt-get update -qq && apt-get install -y -qq binutils >/dev/null; }

bash scripts/build-release.sh 2>&1 | tail -n 1
bin=.build/release/harden
[ -x "$bin" ] || fail "$bin was not built"
readelf -h "$bin" | grep -q 'Type:.*DYN' || fail "$bin is not position-independent (readelf -h Type is not DYN): it would load at a fixed address"
! readelf -l "$bin" | grep -q 'INTERP' || fail "$bin asks for a dynamic loader (PT_INTERP): it is not linked static"
! readelf -d "$bin" | grep -Eq 'R(UN)?PATH' || fail "$bin has an rpath, which glibc's static-PIE start refuses"
# Full Foundation (CoreFoundation, ICU) costs over a millisecond of every start; FoundationEssentials suffices.
linked=$(nm "$bin" | grep -cE '\$s10Foundation|ucol_open|CFStringCreateWithBytes|_FoundationICU' || true)
[ "$linked" -eq 0 ] || fail "$bin links full Foundation ($linked symbols): a file under Sources imports Foundation; import FoundationEssentials"
"$bin" --version | grep -q '^harden ' || fail "$bin --version did not print its version"
out=$("$bin" run web --dry-run -- busybox:1.36 2>/dev/null) || fail "$bin run web --dry-run failed: $out"
case "$out" in "docker run "*--cap-drop\ ALL*) ;; *) fail "$bin run web --dry-run printed: $out" ;; esac
echo "check-release: $bin: static-PIE, no rpath, no full Foundation, runs ($(du -m "$bin" | cut -f1) MB)"
