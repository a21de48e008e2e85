#!/usr/bin/env bash
# Regenerates seccomp/NAME.json, the Docker-format filter of each built-in profile, with the harden
# built from this tree. A unit test fails, printing this command, when a file falls out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
harden="$(swift build --show-bin-path)/harden"
mkdir -p seccomp
for name in web worker db; do
    tmp=$(mktemp "seccomp/.$name.json.XXXXXX")
    "$harden" seccomp "builtin:$name" --format docker >"$tmp"
    chmod 644 "$tmp"
    mv "$tmp" "seccomp/$name.json"
    echo "wrote seccomp/$name.json ($("$harden" seccomp "builtin:$name" --stats --arch x86_64 | head -n 1))"
done
