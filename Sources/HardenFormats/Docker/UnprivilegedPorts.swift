import HardenModel

/// Low ports without NET_BIND_SERVICE. `net.ipv4.ip_unprivileged_port_start` belongs to the network
/// namespace, so setting it to 0 in the container's own namespace lets an unprivileged process bind
/// port 80 there and nowhere else; Kubernetes lists it among the safe sysctls. Docker 20.10 and later
/// set it to 0 in every container's namespace themselves; podman 4.3 leaves the kernel's 1024 (seen
/// on this project's hosts), nerdctl likewise. So harden writes it for every door: docker gets a value
/// it already has (and older dockers get it too), podman and nerdctl `--sysctl`, OCI `linux.sysctl`,
/// Kubernetes the Pod's `securityContext.sysctls`, compose `sysctls`.
///
/// With the host's network there is no namespace of the container's own to set it in (and engines
/// refuse net.* sysctls there), so the profile's port start gives way to NET_BIND_SERVICE.
package enum UnprivilegedPorts {
    package static let sysctl = "net.ipv4.ip_unprivileged_port_start"
    static let netBindService = Capability.named("NET_BIND_SERVICE")!

    static func apply(_ profile: Profile, to plan: inout LaunchPlan) {
        guard let start = profile.network.unprivilegedPortStart else { return }
        plan.sysctls.append(LaunchPlan.Sysctl(name: sysctl, value: String(start)))
    }

    /// After the user's options: `--network host` (or a profile network of host) trades the sysctl for the capability.
    static func settle(_ profile: Profile, plan: inout LaunchPlan) {
        guard let start = profile.network.unprivilegedPortStart, plan.network == .host else { return }
        guard let index = plan.sysctls.firstIndex(where: { $0.name == sysctl && $0.value == String(start) }) else { return }
        plan.sysctls.remove(at: index)
        if start < 1024, !plan.capabilities.contains(Self.netBindService) {
            // No note: the validator refuses the host's network unless a policy allows it, and
            // `harden show` says what happens then; a note would come before every such refusal.
            plan.capabilities.insert(Self.netBindService)
        }
    }
}
