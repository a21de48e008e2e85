import HardenModel
/// A `--mount` value read field by field the way the docker CLI reads it.
///
/// Docker reads the value with Go's CSV reader, not by splitting on commas, so a field may be quoted
/// (`"src=/var/run/docker.sock"`) and only the first record counts. Reading it any other way would let
/// a quoted source slip past the checks, so this mirrors encoding/csv and opts/mount.go.
public struct MountSpec: Sendable, Equatable {
    /// Lower-cased, as docker lower-cases it; `volume` when unsaid.
    public var type = "volume"
    public var source: String?
    public var target: String?
    public var readOnly = false
    /// Lower-cased `bind-propagation`.
    public var propagation: String?
    /// `volume-opt=KEY=VALUE` pairs, keys lower-cased for lookup (`o`, `device`, `type`).
    public var volumeOptions: [String: String] = [:]
    /// Every field as read, keys lower-cased, in order.
    public var fields: [Field] = []

    public struct Field: Sendable, Equatable {
        public var key: String
        /// nil for a bare word such as `readonly`.
        public var value: String?
    }

    /// Reads a `--mount` value; the error text says what is wrong and is meant to follow the option's name.
    public static func parse(_ value: String) throws(MountSpecError) -> MountSpec {
        var spec = MountSpec()
        for field in try csvFirstRecord(value) {
            let pair = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(pair[0]).lowercased()
            let argument = pair.count > 1 ? String(pair[1]) : nil
            spec.fields.append(Field(key: key, value: argument))
            switch key {
            case "type": spec.type = (argument ?? "").lowercased()
            case "source", "src": spec.source = argument
            case "target", "dst", "destination": spec.target = argument
            case "readonly", "ro":
                guard let argument else { spec.readOnly = true; continue }
                guard let flag = GoBool.parse(argument) else { throw MountSpecError("\(key)=\(argument) is not a boolean; write \(key), \(key)=true or \(key)=false") }
                spec.readOnly = flag
            case "bind-propagation": spec.propagation = argument?.lowercased()
            case "volume-opt":
                let inner = (argument ?? "").split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                spec.volumeOptions[String(inner[0]).lowercased()] = inner.count > 1 ? String(inner[1]) : ""
            default: continue
            }
        }
        return spec
    }

    /// The host path a local volume binds: `volume-opt=device=/path` (with `o=bind`, or a block
    /// device). dockerd mounts it from its own working directory, `/`, so a relative one
    /// (`run/docker.sock`, `./x`) is read from there, not from where harden runs.
    public var volumeDevice: String? {
        guard type == "volume", let device = volumeOptions["device"], !device.isEmpty else { return nil }
        if device.hasPrefix("/") { return device }
        // A network filesystem's device is a remote export (`:/export`, `//server/share`), not a host path.
        let remote: Set<String> = ["nfs", "nfs4", "cifs", "smb3", "ceph", "glusterfs", "9p"]
        return remote.contains(volumeOptions["type"]?.lowercased() ?? "") ? nil : "/" + device
    }

    /// Whether a local volume's `type` and `o` name host directories beyond `device`: overlay's
    /// lowerdir, upperdir and workdir are host paths the kernel layers into the container (a lower
    /// `/var/run` shows the engine's socket), which harden does not follow.
    static func localVolumeLayersHostDirectories(type: String?, options: String?) -> Bool {
        if type?.trimmingWhitespace(newlines: true).lowercased() == "overlay" { return true }
        return (options ?? "").split(separator: ",").contains { option in
            let key = option.split(separator: "=", maxSplits: 1).first.map { $0.trimmingWhitespace(newlines: true).lowercased() } ?? ""
            return ["lowerdir", "upperdir", "workdir"].contains(key)
        }
    }

    /// The fields of the first non-empty record, with encoding/csv's rules: a field that starts with
    /// `"` is quoted (`""` is a quote inside it, and it may hold commas and newlines); a quote anywhere
    /// else is an error; a newline outside quotes ends the record.
    static func csvFirstRecord(_ text: String) throws(MountSpecError) -> [String] {
        var scalars = Array(text.replacingText("\r\n", with: "\n").unicodeScalars)[...]
        while scalars.first == "\n" { scalars = scalars.dropFirst() }  // encoding/csv skips empty lines
        guard !scalars.isEmpty else { throw MountSpecError("the value is empty; write e.g. type=bind,src=/srv/data,dst=/data") }
        var fields: [String] = []
        var current = String.UnicodeScalarView()
        var index = scalars.startIndex
        var column = 1
        while true {
            if index < scalars.endIndex, scalars[index] == "\"" {
                index += 1
                column += 1
                while true {
                    guard index < scalars.endIndex else { throw MountSpecError("a quoted field is not closed; close it with \"") }
                    let scalar = scalars[index]
                    index += 1
                    column += 1
                    if scalar != "\"" { current.append(scalar); continue }
                    if index < scalars.endIndex, scalars[index] == "\"" { current.append("\""); index += 1; column += 1; continue }
                    guard index == scalars.endIndex || scalars[index] == "," || scalars[index] == "\n" else {
                        throw MountSpecError("extraneous \" after a quoted field at column \(column); quote the whole field and write \"\" for a quote inside it")
                    }
                    break
                }
            } else {
                while index < scalars.endIndex, scalars[index] != ",", scalars[index] != "\n" {
                    guard scalars[index] != "\"" else {
                        throw MountSpecError("bare \" in an unquoted field at column \(column); quote the whole field and write \"\" for a quote inside it")
                    }
                    current.append(scalars[index])
                    index += 1
                    column += 1
                }
            }
            fields.append(String(current))
            current = String.UnicodeScalarView()
            guard index < scalars.endIndex, scalars[index] == "," else { return fields }
            index += 1
            column += 1
        }
    }
}

public struct MountSpecError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
