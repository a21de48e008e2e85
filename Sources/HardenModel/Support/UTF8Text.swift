import FoundationEssentials
import Glibc

/// Reads file bytes as text, and when they are not UTF-8 says where: "cannot read it" sends a user
/// hunting through a file for a byte an editor may not even show.
public enum UTF8Text {
    /// The largest JSON document harden reads: hand-written profiles, policies, OCI configs and
    /// compose files are kilobytes, and reading one costs about ten times its size in memory, so a
    /// limit keeps a hostile 100 MB file from costing a gigabyte and tens of seconds.
    public static let documentLimit = 16 << 20

    /// A JSON document's text: refused before it is read when larger than `documentLimit`.
    public static func readDocument(_ path: String, shown: String) throws(HardenError) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > documentLimit {
            let tenths = (Int(info.st_size) * 10) >> 20
            throw .input("\(shown): \(tenths / 10).\(tenths % 10) MB is more than the \(documentLimit >> 20) MB harden reads from one JSON document; nothing written by hand is that large, so check what produced it")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try decode(data, file: shown)
    }

    public static func decode(_ data: Data, file: String) throws(HardenError) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        let (location, byte) = firstInvalidByte(Array(data))
        throw .input("\(file):\(location.line):\(location.column): byte 0x\(String(byte, radix: 16, uppercase: true)) is not UTF-8; save the file as UTF-8 text")
    }

    /// The 1-based line and column (in characters, as an editor counts) of the first byte that does
    /// not begin or continue a valid UTF-8 sequence, and that byte.
    package static func firstInvalidByte(_ bytes: [UInt8]) -> (SourceLocation, UInt8) {
        var decoder = Unicode.UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return (SourceLocation(line: line, column: column), bytes.last ?? 0)
            case .error:
                return (SourceLocation(line: line, column: column), bytes[min(offset, bytes.count - 1)])
            }
        }
    }
}
