import HardenModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `--file` list read straight from its bytes, a batch of logical lines at a time, so that the
/// memory an audit needs does not grow with the list. The lines are those of
/// `DockerLineReader.logicalLines`: split at `\n`, a trailing `\r` dropped, a line ending in a
/// backslash sh reads as a continuation joined to the next (the backslash and newline kept for the
/// splitter to drop), each numbered by its first line.
///
/// It reports only that something is off (unreadable, not UTF-8, a byte-order mark); the caller then
/// reads the file the old way, which says exactly what and where.
package struct DockerListBatches: ~Copyable {
    struct Line: Sendable {
        var number: Int
        var range: Range<Int>
    }

    /// Logical lines, each followed in `text` by a `\n` that is not part of it, so that a broken
    /// UTF-8 sequence at the end of one line cannot pair with bytes at the start of the next.
    struct Batch: Sendable {
        var text: [UInt8] = []
        var lines: [Line] = []
    }

    struct Unusual: Error {}

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var atEnd = false
    private var finished = false
    private var physical = 0
    private var pending: [UInt8]?
    private var pendingStart = 1
    private var continuation = ShellLineScan.Continuation()
    private static let blockSize = 1 << 20

    /// What one read(2) fills, before it joins `buffer`.
    private let block: UnsafeMutableRawBufferPointer

    init(path: String) throws(Unusual) {
        // Only a regular file can be read again from the start when a line turns out not to be clean
        // (a pipe would be half consumed), and opening a FIFO waits for a writer: anything else is
        // left to the old reading, checked before opening and again after.
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw Unusual() }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Unusual() }
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw Unusual()
        }
        self.descriptor = descriptor
        block = .allocate(byteCount: Self.blockSize, alignment: 16)
    }

    deinit {
        close(descriptor)
        block.deallocate()
    }

    /// About `bytes` of text, or what is left; nil after the last.
    mutating func next(bytes: Int = 1 << 20) throws(Unusual) -> Batch? {
        guard !finished else { return nil }
        var batch = Batch()
        batch.text.reserveCapacity(bytes + 4096)
        while batch.text.count < bytes {
            if let newline = nextNewline() {
                let line = buffer[consumed..<newline]
                consumed = newline + 1
                try take(line, into: &batch)
                continue
            }
            if atEnd {
                // What follows the last newline is a line too, empty or not, as in `logicalLines`.
                let rest = buffer[consumed...]
                consumed = buffer.count
                try take(rest, into: &batch)
                if let pending { append(pending, start: pendingStart, to: &batch) }
                pending = nil
                finished = true
                break
            }
            try fill()
        }
        try validate(batch.text)
        return batch
    }

    private func nextNewline() -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard consumed < bytes.count, let base = bytes.baseAddress else { return nil }
            guard let found = memchr(base + consumed, Int32(UInt8(ascii: "\n")), bytes.count - consumed) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private mutating func fill() throws(Unusual) {
        if consumed > 0 {
            buffer.removeSubrange(0..<consumed)
            consumed = 0
        }
        let start = buffer.count
        var got = -1
        while got < 0 {
            got = read(descriptor, block.baseAddress, block.count)
            if got < 0, errno != EINTR { throw Unusual() }
        }
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[..<got]))
        if got == 0 { atEnd = true }
        // `String(data:encoding:)` reads a leading byte-order mark its own way: leave that to it.
        if physical == 0, start == 0, buffer.starts(with: [0xEF, 0xBB, 0xBF]) { throw Unusual() }
    }

    private mutating func take(_ raw: ArraySlice<UInt8>, into batch: inout Batch) throws(Unusual) {
        physical += 1
        var line = raw
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        if pending == nil { pendingStart = physical }
        // Only a line ending in a backslash can continue; whether it does depends on the quoting
        // before it, where the line before left off.
        if pending == nil { continuation = ShellLineScan.Continuation() }
        if line.last == UInt8(ascii: "\\"), Array(line).withUnsafeBufferPointer({ ShellLineScan.continues($0, from: &continuation) }) {
            if pending == nil { pending = [] }
            pending!.append(contentsOf: line)
            pending!.append(UInt8(ascii: "\n"))
            return
        }
        if let joined = pending {
            append(joined + line, start: pendingStart, to: &batch)
            pending = nil
        } else {
            append(line, start: pendingStart, to: &batch)
        }
    }

    private func append<Bytes: Collection<UInt8>>(_ line: Bytes, start: Int, to batch: inout Batch) {
        let from = batch.text.count
        batch.text.append(contentsOf: line)
        batch.lines.append(Line(number: start, range: from..<batch.text.count))
        batch.text.append(UInt8(ascii: "\n"))
    }

    private func validate(_ text: [UInt8]) throws(Unusual) {
        if text.withUnsafeBufferPointer(\.isASCII) { return }
        guard String(validating: text, as: UTF8.self) != nil else { throw Unusual() }
    }
}
