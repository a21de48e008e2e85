#!/usr/bin/env python3
"""COUNT docker run lines for `harden check --file`, one per line, the way teams write them.

Most are hardened launches that the validator accepts (with warnings at most); about one in ten
is refused (--privileged, a mounted docker.sock, host namespaces, SYS_ADMIN, seccomp unconfined).
A few lines are comments, blank, or continued with a backslash, as in a real list.
Deterministic: the same arguments give the same file.

usage: gen-docker-lines.py FILE [COUNT]
"""
import random
import sys

IMAGES = ["nginx:1.27", "postgres:16.4", "redis:7.2", "python:3.12-slim", "ghcr.io/acme/api:2.4.1",
          "docker.io/library/alpine:3.20", "registry.example.com/team/worker:1.0.3", "busybox:1.36"]
COMMANDS = [[], ["sh", "-c", "'exec server --port 8080'"], ["python3", "-m", "worker", "--queue", "jobs"],
            ["redis-server", "--save", "''"], ["nginx", "-g", "'daemon off;'"]]
REFUSED = [["--privileged"], ["-v", "/var/run/docker.sock:/var/run/docker.sock"], ["--pid", "host"],
           ["--cap-add", "SYS_ADMIN"], ["--security-opt", "seccomp=unconfined"], ["--network", "host"]]


def line(rng, number):
    args = ["docker", "run"]
    if rng.random() < 0.5:
        args += ["-d", "--name", f"svc-{number}"]
    if rng.random() < 0.3:
        args += ["--rm"]
    args += ["--user", rng.choice(["65532:65532", "1000:1000", "999:999"])]
    args += ["--cap-drop", "ALL"]
    if rng.random() < 0.4:
        args += ["--cap-add", "NET_BIND_SERVICE"]
    args += ["--security-opt", "no-new-privileges:true", "--read-only"]
    for path in rng.sample(["/tmp", "/run", "/var/cache/nginx", "/var/log/app"], rng.randrange(1, 4)):
        args += ["--tmpfs", f"{path}:rw,noexec,nosuid,size={rng.choice([8, 16, 64])}m"]
    memory = rng.choice(["128m", "256m", "512m", "1g"])
    args += ["--memory", memory, "--memory-swap", memory, "--cpus", rng.choice(["0.5", "1", "2"]), "--pids-limit", str(rng.choice([64, 128, 256]))]
    if rng.random() < 0.5:
        args += ["-p", f"127.0.0.1:{rng.randrange(8000, 9000)}:{rng.choice([80, 8080, 6379, 5432])}"]
    if rng.random() < 0.4:
        args += ["-e", f"LOG_LEVEL={rng.choice(['info', 'debug', 'warn'])}", "-e", "TZ=UTC"]
    if rng.random() < 0.3:
        args += ["-v", f"data-{number % 97}:/var/lib/data"]
    if rng.random() < 0.3:
        args += ["--restart", "on-failure:5"]
    if rng.random() < 0.2:
        args += ["--ulimit", "nofile=1024:1024", "--label", f"team={rng.choice(['pay', 'search', 'infra'])}"]
    if rng.random() < 0.1:
        args += rng.choice(REFUSED)
    args.append(rng.choice(IMAGES))
    args += rng.choice(COMMANDS)
    return " ".join(args)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    rng = random.Random(10)
    with open(out, "w") as f:
        for number in range(1, count + 1):
            text = line(rng, number)
            if number % 500 == 0:
                f.write(f"# batch {number // 500}\n\n")
            if number % 50 == 0:
                # A continued line, as copied from a README.
                cut = text.index(" --read-only")
                text = text[:cut] + " \\\n   " + text[cut:]
            f.write(text + "\n")
    print(f"{out}: {count} docker run lines")


main()
