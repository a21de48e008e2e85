#!/usr/bin/env python3
"""Case 5: what `harden run` adds to a real container start.

Runs `harden run web --rm -- IMAGE true` and the `docker run` it compiles to (the argv printed by
the same command with --dry-run, so both sides get identical options) in interleaved pairs, in a
random order within each pair, so drift in the daemon or the machine's load hits both alike.
Writes every time and the statistics as JSON: the medians of each side, and the difference within
pairs (a trimmed mean) with a bootstrap 95% interval over pairs (its noise).

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
# The two starts of a pair run back to back, so the daemon's and the machine's drift hits both:
# the pair's difference is the measurement. Its trimmed mean (10% off each end, for the odd start
# that waits on something else entirely) estimates what harden adds; resampling whole pairs gives
# its 95% interval.
diffs = [h - d for h, d in zip(times["harden"], times["docker"])]


def trimmed_mean(values, cut=0.1):
    ordered = sorted(values)
    k = int(len(ordered) * cut)
    kept = ordered[k:len(ordered) - k] or ordered
    return sum(kept) / len(kept)


estimate = trimmed_mean(diffs)
boot = sorted(trimmed_mean([rng.choice(diffs) for _ in diffs]) for _ in range(4000))
result = {
    "harden_argv": harden_argv, "docker_argv": docker_argv, "pairs": pairs, "times": times,
    "median_harden": median_h, "median_docker": median_d, "difference": estimate,
    "difference_ci95": [boot[int(0.025 * len(boot))], boot[int(0.975 * len(boot)) - 1]],
    "difference_estimator": "10% trimmed mean of paired differences; interval: bootstrap over pairs",
    "paired_difference_median": statistics.median(diffs),
}
with open(out, "w") as f:
    json.dump(result, f, indent=1)
print(f"docker-pairs: {pairs} pairs: harden {median_h * 1000:.1f} ms, docker {median_d * 1000:.1f} ms (medians), "
      f"paired difference {estimate * 1000:+.1f} ms, 95% interval "
      f"[{result['difference_ci95'][0] * 1000:+.1f}, {result['difference_ci95'][1] * 1000:+.1f}] ms")
