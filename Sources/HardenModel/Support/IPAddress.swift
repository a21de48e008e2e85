import FoundationEssentials
import Glibc

/// Address checks through the C library's parser, so harden agrees with the engine on what an address is.
public enum IPAddress {
    public static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    public static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }

    public static func isValid(_ text: String) -> Bool { isIPv4(text) || isIPv6(text) }
}
