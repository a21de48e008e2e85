import FoundationEssentials
import Glibc

/// One line for an error FileManager threw. Its errors carry the errno underneath: that is what a
/// person can act on ("Permission denied", "Not a directory"), where the error's own description
/// is a Cocoa error code.
package enum SystemError {
    package static func describe(_ error: any Error) -> String {
        if let posix = (error as? CocoaError)?.underlying as? POSIXError ?? error as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        if let cocoa = error as? CocoaError { return "error \(cocoa.code.rawValue)" }
        return "\(error)"
    }
}
