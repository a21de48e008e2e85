#!/usr/bin/env python3
"""YAML inputs for run.sh: a compose file of about 1 MB as people write them (anchors, merge keys,
short and long syntax, block scalars, comments) and a stream of Kubernetes manifests.

    gen-yaml.py compose OUT BYTES
    gen-yaml.py manifests OUT DOCUMENTS
"""
import sys

COMMON = """x-common: &common
  restart: on-failure:5
  read_only: true
  user: "65532:65532"
  cap_drop: [ALL]
  security_opt:
    - no-new-privileges:true
  mem_limit: 512m
  pids_limit: 256
  cpus: 1
x-env: &env
  TZ: UTC
  LANG: C.UTF-8
services:
"""

SERVICE = """  svc{n}:
    <<: *common
    image: registry.example.com/team/app{n}:1.{n}
    # service {n}: a web front with its data
    environment:
      <<: *env
      APP_NAME: "app {n}"
      APP_PORT: '{port}'
    ports:
      - "127.0.0.1:{port}:8080"
      - target: 9090
        published: "{metrics}"
        host_ip: 127.0.0.1
    volumes:
      - ./data/{n}:/data:ro
      - type: tmpfs
        target: /tmp
    command: >-
      /app/server --port 8080
      --name app{n}
    healthcheck:
      test: ["CMD", "/app/health", "--quiet"]
      interval: 30s
"""

MANIFEST = """---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app{n}
  labels: {{app: app{n}, tier: web}}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app{n}
  template:
    metadata:
      labels:
        app: app{n}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {{type: RuntimeDefault}}
      containers:
        - name: web
          image: "registry.example.com/team/app{n}:1.{n}"
          args: ["--port", "8080", '--name', app{n}]
          ports:
            - containerPort: 8080
          resources:
            limits: {{memory: 512Mi, cpu: "1"}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
"""


def main():
    kind, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(out, "w") as f:
        if kind == "compose":
            f.write(COMMON)
            n, written = 0, len(COMMON)
            while written < size:
                text = SERVICE.format(n=n, port=10000 + n, metrics=40000 + n)
                f.write(text)
                written += len(text)
                n += 1
        else:
            for n in range(size):
                f.write(MANIFEST.format(n=n))


main()
