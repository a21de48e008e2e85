#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output held back until a command knows it succeeded, without holding it all in memory: past
/// `limit` bytes it goes to an anonymous temporary file (already unlinked, so nothing is left behind
/// whatever happens). A report must not be half-printed before a bad line further down turns the
/// run into an error, and JSON's totals come before the launches they count.
package final class OutputSpool {
    private var memory: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private let limit: Int
    private(set) var count = 0

    package init(limit: Int = 4 << 20) {
        self.limit = limit
        memory.reserveCapacity(min(limit, 1 << 16))
    }

    deinit { if let file { fclose(file) } }

    package func append(_ bytes: [UInt8]) {
        count += bytes.count
        if file == nil, memory.count + bytes.count > limit, let spilled = tmpfile() {
            file = spilled
            write(memory)
            memory = []
        }
        if file != nil { write(bytes) } else { memory += bytes }
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    /// Whether everything appended can be read back: false when the temporary file did not take it
    /// all (a full disk). Asked before printing anything.
    package var isIntact: Bool {
        guard let file else { return true }
        return fflush(file) == 0 && ferror(file) == 0 && ftell(file) == count
    }

    /// Everything appended, in order, in pieces cut after a newline (so no UTF-8 sequence is split).
    package func drain(_ out: (String) -> Void) {
        guard let file else {
            if !memory.isEmpty { out(String(decoding: memory, as: UTF8.self)) }
            return
        }
        rewind(file)
        var carry: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = block.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, file) }
            if got == 0 { break }
            carry += block[..<got]
            if let cut = carry.lastIndex(of: UInt8(ascii: "\n")) {
                out(String(decoding: carry[...cut], as: UTF8.self))
                carry.removeSubrange(...cut)
            }
        }
        if !carry.isEmpty { out(String(decoding: carry, as: UTF8.self)) }
    }
}
