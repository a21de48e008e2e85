/// `$PWD`, `${PWD}`, `$(pwd)` and `` `pwd` `` in a list line, read as the directory the line is run
/// in. Documentation writes binds this way (`-v "$PWD":/app`), and sh hands docker exactly the
/// directory it runs in, which is what harden already takes a relative bind (`./app`) to mean: the
/// directory `harden check` runs in. Every other expansion still needs a shell and is refused.
///
/// Only a directory of plain characters is put in: unquoted, sh would split a directory with blanks
/// into several words or match one with glob characters against files, and a line read as one
/// thing but run as another is what the fail-closed reader exists to refuse.
package enum ShellWorkingDirectory {
    package struct Expanded {
        package var text: String
        /// Each replacement: offset in the new text, and how many bytes longer it is there.
        package var shifts: [(at: Int, by: Int)]

        /// The column (in characters, from 1) of a byte offset of the new text, in the line as written.
        package func column(ofOffset offset: Int, in original: String) -> Int {
            let written = shifts.reduce(offset) { $1.at < offset ? $0 - $1.by : $0 }
            return original.utf8.prefix(max(0, written)).reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        }
    }

    private static let forms: [[UInt8]] = ["${PWD}", "$(pwd)", "`pwd`", "$PWD"].map { Array($0.utf8) }

    /// Whether a line may name one of the forms at all: a byte scan, so the list reading's fast path
    /// re-reads only those few lines the slow way, not every line the shell check refused.
    package static func mayName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") || byte == UInt8(ascii: "$"), index + 3 < bytes.count,
               bytes[index + 1] | 0x20 == UInt8(ascii: "p") || bytes[index + 1] == UInt8(ascii: "{") || bytes[index + 1] == UInt8(ascii: "(") {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether a directory can stand in a line as it is.
    package static func isPlain(_ directory: String) -> Bool {
        directory.hasPrefix("/") && directory.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "@"), UInt8(ascii: ","): true
            default: false
            }
        }
    }

    /// The line with each working-directory form outside single quotes replaced; nil when it has
    /// none or the directory is not plain.
    package static func expand(_ line: String, directory: String) -> Expanded? {
        guard isPlain(directory) else { return nil }
        let bytes = Array(line.utf8)
        let replacement = Array(directory.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + replacement.count)
        var shifts: [(at: Int, by: Int)] = []
        var index = 0
        var inDouble = false
        var inWord = false
        while index < bytes.count {
            let byte = bytes[index]
            if !inDouble, byte == UInt8(ascii: "'") {
                let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "'")) ?? bytes.count - 1
                out.append(contentsOf: bytes[index...close])
                index = close + 1
                inWord = true
                continue
            }
            if !inDouble, !inWord, byte == UInt8(ascii: "#") {
                out.append(contentsOf: bytes[index...])
                break
            }
            if byte == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[index..<min(index + 2, bytes.count)])
                index += 2
                inWord = true
                continue
            }
            if byte == UInt8(ascii: "\"") { inDouble.toggle() }
            if let form = forms.first(where: { matches($0, bytes, at: index) }) {
                shifts.append((at: out.count, by: replacement.count - form.count))
                out.append(contentsOf: replacement)
                index += form.count
                inWord = true
                continue
            }
            inWord = !(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")) || inDouble
            out.append(byte)
            index += 1
        }
        guard !shifts.isEmpty else { return nil }
        return Expanded(text: String(decoding: out, as: UTF8.self), shifts: shifts)
    }

    /// `$PWD` must not run on into a longer name (`$PWDS` is another variable).
    private static func matches(_ form: [UInt8], _ bytes: [UInt8], at index: Int) -> Bool {
        guard index + form.count <= bytes.count, bytes[index..<(index + form.count)].elementsEqual(form) else { return false }
        guard form.last == UInt8(ascii: "D"), index + form.count < bytes.count else { return true }
        let next = bytes[index + form.count]
        let isNameByte = next == UInt8(ascii: "_") || (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z"))
            || (next >= UInt8(ascii: "A") && next <= UInt8(ascii: "Z")) || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
        return !isNameByte
    }
}
