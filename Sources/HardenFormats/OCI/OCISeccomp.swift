import HardenModel
/// Where a config's `linux.seccomp` comes from. One function, so the seccomp generator (issue 5)
/// plugs in here and nowhere else.
public enum OCISeccomp {
    /// The filter for a plan whose seccomp setting is the engine's default, that is, the profile's:
    /// the generated allow-list, as `harden run` passes it to docker. A bundle has no engine whose
    /// default could stand in, so a profile that names no policy gets the base profile's, and hears so.
    public static func filter(for plan: LaunchPlan, architecture: String, notes: inout [String]) -> JSONNode {
        let arch = SeccompArchitecture.named(architecture) ?? .host
        if arch.rawValue != architecture, SeccompArchitecture.named(architecture) == nil {
            notes.append("seccomp: no syscall table for the architecture \(architecture); the filter is written for \(arch.rawValue)")
        }
        if let filter = SeccompGenerator.filter(for: plan) {
            return SeccompJSON.oci(filter, architecture: arch)
        }
        var policy = Profile.SeccompPolicy()
        if let base = BuiltinProfiles.sources.first(where: { $0.name == "base" }),
           let (_, profile) = try? ProfileRepository.load(base), let basePolicy = profile.seccomp {
            policy = basePolicy
        }
        notes.append("seccomp: the profile names no seccomp policy and a bundle has no engine default; harden applies the base profile's filter (allow \(policy.allow.joined(separator: " ")))")
        return SeccompJSON.oci(SeccompGenerator.filter(for: policy, noNewPrivileges: plan.noNewPrivileges), architecture: arch)
    }

    /// A seccomp file given with `--security-opt seccomp=FILE`, in Docker's format or the spec's,
    /// as `linux.seccomp` for one architecture. Docker's conditions are applied as dockerd applies
    /// them: a rule for other architectures, or for capabilities the container does not hold, is
    /// left out; `archMap` becomes the architecture's list.
    public static func convert(_ profile: JSONNode, file: String, architecture: String, capabilities: Set<Capability>) throws(HardenError) -> JSONNode {
        guard let members = profile.objectMembers else { throw .input("\(file): expected a seccomp profile (a JSON object with \"defaultAction\"), found \(profile.typeName)") }
        guard profile["defaultAction"]?.stringValue != nil else {
            throw .input("\(file): not a seccomp profile: no \"defaultAction\"; give a file in Docker's or the runtime spec's seccomp format")
        }
        let goArch = ["x86_64": "amd64", "aarch64": "arm64"][architecture] ?? architecture
        let held = Set(capabilities.map(\.ociName))
        var out: [(String, JSONNode)] = []
        for member in members {
            switch member.key {
            case "defaultAction", "defaultErrnoRet", "architectures", "flags", "listenerPath", "listenerMetadata":
                out.append((member.key, member.value))
            case "archMap":
                guard let entry = member.value.arrayValue?.first(where: { entry in
                    SeccompArchitecture.named(architecture)?.scmpArchitectures.first == entry["architecture"]?.stringValue
                }) else { continue }
                let subs = entry["subArchitectures"]?.arrayValue ?? []
                out.removeAll { $0.0 == "architectures" }
                out.append(("architectures", .arr([entry["architecture"]!] + subs)))
            case "syscalls":
                var rules: [JSONNode] = []
                for rule in member.value.arrayValue ?? [] {
                    func list(_ condition: String, _ key: String) -> [String] {
                        (rule[condition]?[key]?.arrayValue ?? []).compactMap(\.stringValue)
                    }
                    let arches = list("includes", "arches"), caps = list("includes", "caps")
                    if !arches.isEmpty, !arches.contains(goArch) { continue }
                    if !caps.isEmpty, !caps.allSatisfy({ held.contains(Capability.named($0)?.ociName ?? $0) }) { continue }
                    if list("excludes", "arches").contains(goArch) { continue }
                    if list("excludes", "caps").contains(where: { held.contains(Capability.named($0)?.ociName ?? $0) }) { continue }
                    // The spec's rule has names, action, errnoRet and args; Docker's comment and conditions are its own.
                    var fields = (rule.objectMembers ?? []).filter { ["names", "action", "errnoRet", "args"].contains($0.key) }.map { ($0.key, $0.value) }
                    if let name = rule["name"], rule["names"] == nil { fields.insert(("names", .arr([name])), at: 0) }
                    rules.append(.obj(fields))
                }
                out.append(("syscalls", .arr(rules)))
            default:
                continue
            }
        }
        return .obj(out)
    }
}
