/// The runtime spec's `config.json` as Go types (opencontainers/runtime-spec `specs-go/config.go`,
/// which runc vendors): every field runc 1.1 decodes, plus the later Linux fields (scheduler,
/// ioPriority, netDevices, …) so a newer config is still read field by field. Other platforms'
/// sections are refused: runc ignores them, and harden judges nothing it has not read.
package enum OCISpecShape {
    static let idMapping: GoShape = .fields(["containerID": .number, "hostID": .number, "size": .number])
    static let hook: GoShape = .fields(["path": .string, "args": .array(.string), "env": .array(.string), "timeout": .number])
    package static let hookStages = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"]

    static let process: GoShape = .fields([
        "terminal": .bool,
        "consoleSize": .fields(["height": .number, "width": .number]),
        "user": .fields(["uid": .number, "gid": .number, "umask": .number, "additionalGids": .array(.number), "username": .string]),
        "args": .array(.string),
        "commandLine": .string,
        "env": .array(.string),
        "cwd": .string,
        "capabilities": .fields(["bounding": .array(.string), "effective": .array(.string), "inheritable": .array(.string),
                                 "permitted": .array(.string), "ambient": .array(.string)]),
        "rlimits": .array(.fields(["type": .string, "hard": .number, "soft": .number])),
        "noNewPrivileges": .bool,
        "apparmorProfile": .string,
        "oomScoreAdj": .number,
        "scheduler": .fields(["policy": .string, "nice": .number, "priority": .number, "flags": .array(.string),
                              "runtime": .number, "deadline": .number, "period": .number]),
        "selinuxLabel": .string,
        "ioPriority": .fields(["class": .string, "priority": .number]),
        "execCPUAffinity": .fields(["initial": .string, "final": .string]),
    ])

    static let seccomp: GoShape = .fields([
        "defaultAction": .string, "defaultErrnoRet": .number, "architectures": .array(.string), "flags": .array(.string),
        "listenerPath": .string, "listenerMetadata": .string,
        "syscalls": .array(.fields(["names": .array(.string), "action": .string, "errnoRet": .number, "args": .array(seccompArgument)])),
    ])
    static let seccompArgument: GoShape = .fields(["index": .number, "value": .number, "valueTwo": .number, "op": .string])

    static let blockIODevice: GoShape = .fields(["major": .number, "minor": .number, "weight": .number, "leafWeight": .number])
    static let throttleDevice: GoShape = .fields(["major": .number, "minor": .number, "rate": .number])

    static let resources: GoShape = .fields([
        "devices": .array(.fields(["allow": .bool, "type": .string, "major": .number, "minor": .number, "access": .string])),
        "memory": .fields(["limit": .number, "reservation": .number, "swap": .number, "kernel": .number, "kernelTCP": .number,
                           "swappiness": .number, "disableOOMKiller": .bool, "useHierarchy": .bool, "checkBeforeUpdate": .bool]),
        "cpu": .fields(["shares": .number, "quota": .number, "burst": .number, "period": .number, "realtimeRuntime": .number,
                        "realtimePeriod": .number, "cpus": .string, "mems": .string, "idle": .number]),
        "pids": .fields(["limit": .number]),
        "blockIO": .fields(["weight": .number, "leafWeight": .number, "weightDevice": .array(blockIODevice),
                            "throttleReadBpsDevice": .array(throttleDevice), "throttleWriteBpsDevice": .array(throttleDevice),
                            "throttleReadIOPSDevice": .array(throttleDevice), "throttleWriteIOPSDevice": .array(throttleDevice)]),
        "hugepageLimits": .array(.fields(["pageSize": .string, "limit": .number])),
        "network": .fields(["classID": .number, "priorities": .array(.fields(["name": .string, "priority": .number]))]),
        "rdma": .map(.fields(["hcaHandles": .number, "hcaObjects": .number])),
        // cgroup v2 files written as given: they can undo any limit harden read, so none is accepted.
        "unified": .map(.refused("a cgroup v2 file written as given, which harden does not judge; set the limit through memory, cpu or pids instead")),
    ])

    static let linux: GoShape = .fields([
        "uidMappings": .array(idMapping),
        "gidMappings": .array(idMapping),
        "sysctl": .map(.string),
        "resources": resources,
        "cgroupsPath": .string,
        "namespaces": .array(.fields(["type": .string, "path": .string])),
        "devices": .array(.fields(["path": .string, "type": .string, "major": .number, "minor": .number, "fileMode": .number,
                                   "uid": .number, "gid": .number])),
        "netDevices": .map(.refused("moves a host network interface into the container, which harden does not judge; remove it")),
        "seccomp": seccomp,
        "rootfsPropagation": .string,
        "maskedPaths": .array(.string),
        "readonlyPaths": .array(.string),
        "mountLabel": .string,
        "intelRdt": .fields(["closID": .string, "schemata": .array(.string), "l3CacheSchema": .string, "memBwSchema": .string,
                             "enableMonitoring": .bool]),
        "personality": .fields(["domain": .string, "flags": .array(.string)]),
        "timeOffsets": .map(.fields(["secs": .number, "nanosecs": .number])),
    ])

    static let otherPlatform = "another platform's section, which runc ignores and harden does not read; remove it"

    package static let config: GoShape = .fields([
        "ociVersion": .string,
        "process": process,
        "root": .fields(["path": .string, "readonly": .bool]),
        "hostname": .string,
        "domainname": .string,
        "mounts": .array(.fields(["destination": .string, "type": .string, "source": .string, "options": .array(.string),
                                  "uidMappings": .array(idMapping), "gidMappings": .array(idMapping)])),
        "hooks": .fields(["prestart": .array(hook), "createRuntime": .array(hook), "createContainer": .array(hook),
                          "startContainer": .array(hook), "poststart": .array(hook), "poststop": .array(hook)]),
        "annotations": .map(.string),
        "linux": linux,
        "solaris": .refused(otherPlatform),
        "windows": .refused(otherPlatform),
        "vm": .refused(otherPlatform),
        "zos": .refused(otherPlatform),
    ])
}
