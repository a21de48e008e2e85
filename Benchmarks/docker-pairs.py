#!/usr/bin/env python3
"""Case 5: what `harden run` adds to a real container start.

Runs `harden run web --rm -- IMAGE true` and the `docker run` it compiles to (the argv printed by
the same command with --dry-run, so both sides get identical options) in interleaved pairs, in a
random order within each pair, so drift in the daemon or the machine's load hits both alike.
Writes every time and the statistics as JSON: the medians, the difference of the medians, and a
bootstrap 95% interval of that difference (its noise).

usage: docker-pairs.py HARDEN IMAGE PAIRS OUT.json
"""
import json
import random
import shlex
import statistics
import subprocess
import sys
import time

harden, image, pairs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
harden_argv = [harden, "run", "web", "--rm", "--", image, "true"]
printed = subprocess.run([harden, "run", "web", "--dry-run", "--rm", "--", image, "true"],
                         check=True, capture_output=True, text=True).stdout
docker_argv = shlex.split(printed)
if docker_argv[:2] != ["docker", "run"]:
    sys.exit(f"docker-pairs: harden printed {printed!r}, not a docker run line")


def timed(argv):
    start = time.perf_counter()
    status = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"docker-pairs: {shlex.join(argv)} exited {status}")
    return elapsed


for _ in range(3):  # warm-up: the daemon's caches, the page cache, the seccomp file
    timed(harden_argv)
    timed(docker_argv)
rng = random.Random(5)
times = {"harden": [], "docker": []}
for _ in range(pairs):
    order = ["harden", "docker"]
    rng.shuffle(order)
    for side in order:
        times[side].append(timed(harden_argv if side == "harden" else docker_argv))

median_h, median_d = statistics.median(times["harden"]), statistics.median(times["docker"])
boot = []
for _ in range(2000):
    h = [rng.choice(times["harden"]) for _ in times["harden"]]
    d = [rng.choice(times["docker"]) for _ in times["docker"]]
    boot.append(statistics.median(h) - statistics.median(d))
boot.sort()
result = {
    "harden_argv": harden_argv, "docker_argv": docker_argv, "pairs": pairs, "times": times,
    "median_harden": median_h, "median_docker": median_d, "difference": median_h - median_d,
    "difference_ci95": [boot[int(0.025 * len(boot))], boot[int(0.975 * len(boot)) - 1]],
    "paired_difference_median": statistics.median(h - d for h, d in zip(times["harden"], times["docker"])),
}
with open(out, "w") as f:
    json.dump(result, f, indent=1)
print(f"docker-pairs: {pairs} pairs: harden {median_h * 1000:.1f} ms, docker {median_d * 1000:.1f} ms (medians), "
      f"difference {(median_h - median_d) * 1000:+.1f} ms, 95% interval "
      f"[{result['difference_ci95'][0] * 1000:+.1f}, {result['difference_ci95'][1] * 1000:+.1f}] ms")
