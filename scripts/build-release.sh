#!/usr/bin/env bash
# The release build (README, Install): one self-contained static-PIE executable at
# .build/release/harden.
#
# Why each flag: a container start waits on harden, and most of harden's own time is process
# start-up (Benchmarks/NOTES.md). Linked static, there is no dynamic loader resolving symbols;
# linked as a static *position-independent* executable, the kernel still loads it at a random
# address, so the binary keeps ASLR (a plain -static-executable would load at a fixed one).
# glibc's static-PIE start-up refuses an executable with an RPATH, so SwiftPM's $ORIGIN rpath is
# left out; gold cannot link static-PIE, so the toolchain's lld links it.
#   Extra arguments go to swift build (for example --product harden).
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift build -c release --static-swift-stdlib --disable-local-rpath \
    -Xswiftc -static-executable -Xswiftc -use-ld=lld \
    -Xswiftc -Xclang-linker -Xswiftc -static-pie "$@"
