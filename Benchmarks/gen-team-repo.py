#!/usr/bin/env python3
"""A team profile repository for `harden validate`: COUNT profiles in extends chains DEPTH deep.

Each chain starts on a built-in (web, worker, db, base) and every further link extends the one
before it, so the deepest profile of a chain resolves through DEPTH repository files and then the
built-ins. The profiles vary the way real ones do (memory, pids, carve-outs, volumes, environment,
rationale), plus the repository's policy.json. Deterministic: the same arguments give the same files.

usage: gen-team-repo.py DIR [COUNT] [DEPTH]
"""
import json
import os
import random
import shutil
import sys

BUILTINS = ["web", "worker", "db", "base"]
TEAMS = ["payments", "search", "ledger", "identity", "media", "billing", "growth", "infra", "mobile", "data"]
SERVICES = ["api", "gateway", "indexer", "renderer", "scheduler", "exporter", "cache", "queue", "sync", "auth"]


def profile(name, parent, depth, rng):
    doc = {"name": name, "extends": parent, "description": f"{name}: level {depth} of its chain, on {parent}.", "requires": "0.1"}
    kind = rng.randrange(6)
    if kind == 0:
        doc["resources"] = {"memory": f"{rng.choice([128, 192, 256, 384])}m", "pids": rng.choice([64, 96, 128])}
        doc["rationale"] = {"resources.memory": "measured peak plus a quarter", "resources.pids": "four times the busiest hour"}
    elif kind == 1:
        doc["tmpfs"] = {f"/var/tmp/{name}": {"size": f"{rng.choice([16, 32, 64])}m", "options": ["noexec", "nosuid", "nodev"]}}
        doc["rationale"] = {"tmpfs": "spools intermediate files before upload"}
    elif kind == 2:
        doc["volumes"] = {f"/var/lib/{name}": {"type": "volume", "source": f"{name}-data"}}
        doc["environment"] = {"LOG_FORMAT": "json", "SERVICE": name}
    elif kind == 3:
        doc["resources"] = {"cpus": rng.choice([0.5, 1, 2]), "nofile": {"soft": 1024, "hard": 1024}}
        doc["environment"] = {"REGION": rng.choice(["eu-west", "us-east", "ap-south"])}
    elif kind == 4:
        doc["healthcheck"] = {"command": "/bin/true", "interval": "30s", "timeout": "5s", "retries": 3}
    else:
        doc["restart"] = {"policy": "on-failure", "maxRetries": rng.choice([1, 3, 5])}
    return doc


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    depth = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rng = random.Random(10)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    written = 0
    chain = 0
    while written < count:
        team, service = TEAMS[chain % len(TEAMS)], SERVICES[(chain // len(TEAMS)) % len(SERVICES)]
        parent = BUILTINS[chain % len(BUILTINS)]
        for level in range(depth):
            if written == count:
                break
            name = f"{team}-{service}-{chain}-l{level}"
            with open(os.path.join(out, name + ".json"), "w") as f:
                json.dump(profile(name, parent, level, rng), f, indent=2)
                f.write("\n")
            parent = name
            written += 1
        chain += 1
    policy = {
        "description": "Generated policy for the validate benchmark.",
        "require": ["nonRoot", "noNewPrivileges", "readOnlyRootFilesystem", "memoryLimit", "pidsLimit", "cpuLimit", "boundedRestart"],
        "capabilities": {"allow": ["NET_BIND_SERVICE"]},
    }
    with open(os.path.join(out, "policy.json"), "w") as f:
        json.dump(policy, f, indent=2)
        f.write("\n")
    print(f"{out}: {written} profiles in {chain} chains, {depth} deep, and policy.json")


main()
