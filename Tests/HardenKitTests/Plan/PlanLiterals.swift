@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

// Tests spell plan values as docker and the kernel write them; the readers' own parsers turn the
// literals into the typed values, so a literal no reader accepts stops the test at once.

extension LaunchPlan.TmpfsOption: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral {
    public init(stringLiteral value: String) { self = try! LaunchPlan.TmpfsOption.kernel(value).get() }
}

extension LaunchPlan.SecurityOption: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral {
    public init(stringLiteral value: String) {
        let (key, argument) = DockerOptionApplier.securityOptionParts(value)
        self = DockerOptionApplier.securityOption(key: key, argument: argument)!
    }
}

extension LaunchPlan.DeviceRule: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral {
    public init(stringLiteral value: String) {
        self = try! DockerValues.deviceCgroupRule(value, bad: { .input($0) })
    }
}

extension LaunchPlan.RestartPolicy: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral {
    public init(stringLiteral value: String) { self = DockerValues.restart(value)! }
}

extension LaunchPlan {
    /// Sets a process, tuning or engine option the way the docker reader does.
    mutating func setDockerOption(_ name: String, _ value: String) {
        if name == "mount", case .unmodelled(let mount)? = try? DockerValues.mount(value, bad: { .input($0) }) {
            engine.driverMounts.append(mount)
            return
        }
        try! DockerOptionApplier.applyEngineOption(name, value, to: &self, bad: { .input($0) })
    }

    /// The options `setDockerOption` set, as `DoorTable` lists them.
    var dockerOptions: [(name: String, value: String)] { DoorTable.settings(of: self).map { ($0.option, $0.value) } }
}

extension LaunchPlan {
    /// The plan with only the process, tuning and engine options `keep` names.
    func keepingDockerOptions(_ keep: (String) -> Bool) -> LaunchPlan {
        var copy = self
        (copy.process, copy.cpu, copy.memoryTuning, copy.engine) = (.init(), .init(), .init(), .init())
        for (name, value) in dockerOptions where keep(name) { copy.setDockerOption(name, value) }
        return copy
    }
}

extension LaunchPlan.NamespaceMode: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral {
    public init(stringLiteral value: String) { self = DockerValues.namespaceMode(value) }
}
