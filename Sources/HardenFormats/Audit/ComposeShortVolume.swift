import HardenModel
/// A service's short volume syntax read as compose-go reads it (format/volume.go `ParseVolume`),
/// which is not docker's `-v`: one or two bytes are a target alone; a letter followed by `:` keeps
/// the colon (a Windows drive); colons inside `${…}` do not split; unknown options are ignored; and
/// the source is a host path when it starts with `.`, `/`, `~`, `\\` or a drive letter.
package struct ComposeShortVolume: Equatable {
    var source: String?
    var target: String
    var readOnly = false
    var propagation: String?
    var isBind = false

    static let propagations: Set<String> = ["rprivate", "private", "rshared", "shared", "rslave", "slave"]

    /// nil message: the spec is valid; otherwise compose's complaint.
    static func parse(_ spec: String) -> Result<ComposeShortVolume, ParseError> {
        let bytes = Array(spec.utf8)
        if bytes.isEmpty { return .failure(ParseError("an empty volume")) }
        if bytes.count <= 2 { return .success(ComposeShortVolume(source: nil, target: spec)) }
        var source: String?
        var target: String?
        var volume = ComposeShortVolume(source: nil, target: "")
        var buffer: [Unicode.Scalar] = []
        var nesting = 0
        var offset = 0
        let end = Unicode.Scalar(UInt8(0))
        var scalars = Array(spec.unicodeScalars)
        scalars.append(end)
        for scalar in scalars {
            defer { offset += scalar == end ? 1 : String(scalar).utf8.count }
            if scalar == "$", offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "{") {
                nesting += 1; buffer.append(scalar); continue
            }
            if scalar == "}", nesting > 0 { nesting -= 1; buffer.append(scalar); continue }
            if scalar == ":", buffer.count == 1, buffer[0].properties.isAlphabetic {
                buffer.append(scalar); continue
            }
            guard (scalar == ":" || scalar == end) && nesting == 0 else { buffer.append(scalar); continue }
            var text = ""
            text.unicodeScalars.append(contentsOf: buffer)
            if buffer.isEmpty { return .failure(ParseError("an empty section between colons")) }
            if source == nil && scalar == end {
                target = text
            } else if source == nil {
                source = text
            } else if target == nil {
                target = text
            } else if scalar == ":" {
                return .failure(ParseError("too many colons"))
            } else {
                for option in text.split(separator: ",", omittingEmptySubsequences: false) {
                    switch option {
                    case "ro": volume.readOnly = true
                    case "rw": volume.readOnly = false
                    default: if propagations.contains(String(option)) { volume.propagation = String(option) }
                    }
                }
            }
            buffer = []
        }
        volume.source = source
        volume.target = target ?? ""
        volume.isBind = source.map(isFilePath) ?? false
        return .success(volume)
    }

    static func isFilePath(_ source: String) -> Bool {
        guard let first = source.unicodeScalars.first else { return false }
        if first == "." || first == "/" || first == "~" { return true }
        if source.hasPrefix("\\\\") { return true }
        // A drive letter: the first character a letter and the next byte a colon.
        let rest = source.utf8.dropFirst(String(first).utf8.count)
        return first.properties.isAlphabetic && rest.first == UInt8(ascii: ":")
    }

    struct ParseError: Error, Equatable {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
