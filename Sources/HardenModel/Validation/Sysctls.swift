/// Which sysctls belong to a container's own namespaces. Any other one is a setting of the whole
/// host: the kernel would apply it to every process on the machine (runc refuses most of them, but
/// not every runtime does, and an OCI config reaches the runtime unchecked).
package enum Sysctls {
    /// The IPC namespace's sysctls (Docker's and the kernel's list).
    static let ipcNamespaced: Set<String> = [
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax",
        "kernel.shmmni", "kernel.shm_rmid_forced",
    ]

    /// `kernel/core_pattern` and `kernel.core_pattern` name the same file under /proc/sys; runc accepts both.
    static func canonical(_ name: String) -> String {
        name.replacingText("/", with: ".").trimming(".")
    }

    /// Why a sysctl reaches beyond the container, or nil when it stays inside its namespaces.
    static func hostWide(_ name: String, hostNetwork: Bool) -> String? {
        let name = canonical(name)
        if ipcNamespaced.contains(name) || name.hasPrefix("fs.mqueue.") { return nil }
        if name == "kernel.hostname" || name == "kernel.domainname" { return nil }  // the UTS namespace
        if name.hasPrefix("net.") {
            return hostNetwork ? "\(name) is a network sysctl and the container shares the host's network namespace" : nil
        }
        return "\(name) is not namespaced: it changes the whole host"
    }
}

import FoundationEssentials
