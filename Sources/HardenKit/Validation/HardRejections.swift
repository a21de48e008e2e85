/// What harden refuses to launch whatever a profile, flag or policy says: privileged containers and
/// container-runtime socket mounts. Each message says why and what to do instead.
public enum HardRejections {
    public static func check(_ plan: LaunchPlan) -> [String] {
        var reasons: [String] = []
        if plan.privileged {
            reasons.append("--privileged gives the container every capability, every host device and no confinement; remove it and add only the capabilities the workload needs with --cap-add")
        }
        let socketAdvice = "a runtime socket is root on the host for anyone in the container, read-only or not; don't mount it, or put a restricted socket proxy that allows only the API calls needed in front of it"
        for mount in plan.mounts where mount.kind == .bind {
            if let source = mount.source, let why = RuntimeSockets.exposure(ofHostPath: source) {
                reasons.append("the bind mount \(source):\(mount.target) exposes a container runtime socket (\(why)); \(socketAdvice)")
            }
        }
        for option in plan.otherOptions {
            switch option.name {
            case "use-api-socket" where option.value == "true":
                reasons.append("--use-api-socket mounts the Docker API socket into the container; \(socketAdvice)")
            case "mount":
                for path in hostPaths(inMount: option.value) {
                    if let why = RuntimeSockets.exposure(ofHostPath: path) {
                        reasons.append("--mount \(option.value) exposes a container runtime socket (\(why)); \(socketAdvice)")
                    }
                }
            default: break
            }
        }
        return reasons
    }

    /// Host paths a `--mount` value can bind: its source when it is a path, and a local volume's
    /// `volume-opt=device=…` (with `o=bind` that device is a host path too).
    static func hostPaths(inMount value: String) -> [String] {
        var paths: [String] = []
        for item in value.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let key = pair[0].lowercased()
            if ["source", "src"].contains(key), pair[1].hasPrefix("/") { paths.append(pair[1]) }
            if key == "volume-opt" {
                let inner = pair[1].split(separator: "=", maxSplits: 1).map(String.init)
                if inner.count == 2, inner[0].lowercased() == "device", inner[1].hasPrefix("/") { paths.append(inner[1]) }
            }
        }
        return paths
    }
}
