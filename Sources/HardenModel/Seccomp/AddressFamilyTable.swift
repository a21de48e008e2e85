/// Linux socket address families (`AF_*` in <linux/socket.h>), by the lower-case name a profile's
/// `seccomp.socketFamilies` uses. Sorted by number; the numbers are the same on every architecture.
public enum AddressFamilyTable {
    public struct Family: Sendable, Equatable {
        public let name: String
        public let number: Int
        init(_ name: String, _ number: Int) { self.name = name; self.number = number }
    }

    /// What a profile gets when it names none: local sockets, IPv4, IPv6 and netlink (glibc's
    /// getaddrinfo asks netlink which addresses the host has when AI_ADDRCONFIG is set).
    public static let defaultNames = ["inet", "inet6", "netlink", "unix"]

    public static let families: [Family] = [
        Family("unix", 1),
        Family("inet", 2),
        Family("ax25", 3),
        Family("ipx", 4),
        Family("appletalk", 5),
        Family("netrom", 6),
        Family("bridge", 7),
        Family("atmpvc", 8),
        Family("x25", 9),
        Family("inet6", 10),
        Family("rose", 11),
        Family("decnet", 12),
        Family("netbeui", 13),
        Family("security", 14),
        // PF_KEY: IPsec key management, needs CAP_NET_ADMIN.
        Family("key", 15),
        Family("netlink", 16),
        // Raw link-layer frames; needs CAP_NET_RAW, and has had several privilege escalations.
        Family("packet", 17),
        Family("ash", 18),
        Family("econet", 19),
        Family("atmsvc", 20),
        // RDS once let any user write kernel memory (CVE-2010-3904).
        Family("rds", 21),
        Family("sna", 22),
        Family("irda", 23),
        Family("pppox", 24),
        Family("wanpipe", 25),
        Family("llc", 26),
        Family("ib", 27),
        Family("mpls", 28),
        Family("can", 29),
        Family("tipc", 30),
        Family("bluetooth", 31),
        Family("iucv", 32),
        Family("rxrpc", 33),
        Family("isdn", 34),
        Family("phonet", 35),
        Family("ieee802154", 36),
        Family("caif", 37),
        // The kernel crypto API, reachable by any user; a recurring source of kernel bugs.
        Family("alg", 38),
        Family("nfc", 39),
        // vsock talks to the hypervisor or host and is not namespaced; Docker's default refuses it.
        Family("vsock", 40),
        Family("kcm", 41),
        Family("qipcrtr", 42),
        Family("smc", 43),
        Family("xdp", 44),
        Family("mctp", 45),
    ]

    public static func named(_ name: String) -> Family? { families.first { $0.name == name } }

    /// The family a misspelling most likely means: the kernel's AF_ spelling, the usual words for
    /// IP versions and local sockets, or the nearest name.
    static func suggestion(for text: String) -> String? {
        var word = text.lowercased()
        if word.hasPrefix("af_") || word.hasPrefix("pf_") { word.removeFirst(3) }
        let synonyms = ["ip": "inet", "ipv4": "inet", "ip4": "inet", "ipv6": "inet6", "ip6": "inet6", "local": "unix", "file": "unix"]
        if let synonym = synonyms[word] { return synonym }
        if named(word) != nil { return word }
        return StrictReader.nearest(word, in: families.map(\.name))
    }
}
