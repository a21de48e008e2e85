import Glibc

/// The GNU build ID the linker wrote into the running executable: a hash of its code and data, so
/// it changes with every change to what the binary would compute. `harden run` keys its cache of
/// generated seccomp filters by it; nil (no note, not ELF, not readable) turns that cache off.
package enum BuildID {
    static let executable: String? = read("/proc/self/exe")

    /// The ID of an ELF file (64-bit, little-endian: x86_64 and aarch64), as lower-case hex.
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let header = bytes(fd, at: 0, count: 64), header.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]) else { return nil }
        let tableOffset = Int(header.integer(at: 32, as: UInt64.self))
        let entrySize = Int(header.integer(at: 54, as: UInt16.self)), entries = Int(header.integer(at: 56, as: UInt16.self))
        guard entrySize >= 56, entries < 256, let table = bytes(fd, at: tableOffset, count: entrySize * entries) else { return nil }
        for index in 0..<entries {
            let entry = index * entrySize
            guard table.integer(at: entry, as: UInt32.self) == 4 else { continue }  // PT_NOTE
            let offset = Int(table.integer(at: entry + 8, as: UInt64.self)), size = Int(table.integer(at: entry + 32, as: UInt64.self))
            guard size <= 1 << 16, let notes = bytes(fd, at: offset, count: size) else { continue }
            if let id = gnuBuildID(in: notes) { return id }
        }
        return nil
    }

    /// Notes are (name size, description size, type, name, description), each padded to 4 bytes.
    static func gnuBuildID(in notes: [UInt8]) -> String? {
        var offset = 0
        while offset + 12 <= notes.count {
            let nameSize = Int(notes.integer(at: offset, as: UInt32.self)), descriptionSize = Int(notes.integer(at: offset + 4, as: UInt32.self))
            let type = notes.integer(at: offset + 8, as: UInt32.self)
            let name = offset + 12, description = name + (nameSize + 3) & ~3
            guard nameSize <= notes.count, descriptionSize <= notes.count, description + descriptionSize <= notes.count else { return nil }
            if type == 3, notes[name..<name + nameSize].elementsEqual([0x47, 0x4E, 0x55, 0]), descriptionSize > 0 {  // NT_GNU_BUILD_ID, "GNU"
                return notes[description..<description + descriptionSize].map { byte in
                    String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
                }.joined()
            }
            offset = description + (descriptionSize + 3) & ~3
        }
        return nil
    }

    private static func bytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return read == count ? buffer : nil
    }
}

private extension Array where Element == UInt8 {
    func integer<T: FixedWidthInteger>(at offset: Int, as: T.Type) -> T {
        var value: T = 0
        for index in (0..<MemoryLayout<T>.size).reversed() { value = value << 8 | T(self[offset + index]) }
        return value
    }
}
