# Run inside a container (busybox sh): prints what the kernel really applied, as key=value lines.
# $1: space-separated carve-out paths to test for writability.
grep -E '^(CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status | tr -d ' \t' | sed 's/:/=/'
echo "uid=$(id -u)"
echo "gid=$(id -g)"
# The mount flags, not a write attempt: a non-root user cannot write / even when it is mounted rw.
if awk '$2 == "/" { split($4, o, ","); exit o[1] == "ro" ? 0 : 1 }' /proc/self/mounts; then
    echo "root=read-only"
else
    echo "root=writable"
fi
if touch /.harden-probe 2>/dev/null; then echo "rootwrite=succeeded"; else echo "rootwrite=refused"; fi
for dir in $1; do
    if touch "$dir/.harden-probe" 2>/dev/null; then echo "carve:$dir=writable"; else echo "carve:$dir=not-writable"; fi
done
# cgroup v1 (these hosts) or v2
if [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
    echo "memory=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)"
    echo "memsw=$(cat /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes 2>/dev/null || echo unavailable)"
    echo "pids=$(cat /sys/fs/cgroup/pids/pids.max)"
    echo "cpuquota=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)"
else
    echo "memory=$(cat /sys/fs/cgroup/memory.max)"
    swap=$(cat /sys/fs/cgroup/memory.swap.max)
    echo "memsw=$(( $(cat /sys/fs/cgroup/memory.max) + swap ))"
    echo "pids=$(cat /sys/fs/cgroup/pids.max)"
    echo "cpuquota=$(cut -d' ' -f1 /sys/fs/cgroup/cpu.max)"
fi
