import HardenModel
/// What a compose file declares beside its services, read once and looked up by each service that
/// uses it: named volumes, networks, and file secrets and configs. A volume keeps the driver
/// options harden could not judge, so only the services that mount it are refused for them.
package struct ComposeTopLevel {
    /// Something of the file harden met and could not judge, and where.
    struct Unread: Equatable {
        var message: String
        var location: SourceLocation
    }

    struct Volume {
        /// The host path a local volume mounts (`o: bind`, or a device path), absolute.
        var hostPath: String?
        var unread: [Unread] = []
    }

    struct Network {
        /// The engine's network it names is the host's own network stack.
        var isHost = false
        /// `internal: true`, and not external (an external network is whatever the engine holds).
        var isInternal = false
    }

    /// A file secret or config: the host file compose bind-mounts, absolute; nil for content,
    /// environment and external ones, which bring nothing of the host's filesystem.
    struct FileSource {
        var file: String?
    }

    var volumes: [String: Volume] = [:]
    var networks: [String: Network] = [:]
    var secrets: [String: FileSource] = [:]
    var configs: [String: FileSource] = [:]
    /// Unknown top-level keys and `include`: they concern every service.
    var everyService: [Unread] = []

    init(_ top: StrictReader, directory: String) throws(HardenError) {
        for (key, keyLocation, value) in try top.entries() {
            if key == "include" {
                everyService.append(Unread(message: "include: harden does not read other compose files, which compose merges into this project; audit the merged project (docker compose config --format json)", location: keyLocation))
            } else if !ComposeKeys.topLevel.contains(key) && !ComposeKeys.isExtension(key) {
                everyService.append(Unread(message: "\(StrictReader.render([key])): not a compose key harden knows; compose gives it a meaning harden has not checked, so remove it or rename it x-\(key)", location: keyLocation))
            } else if case .null = value.node.kind {
                continue
            } else {
                // A key harden does not know in any declaration refuses every service, used or not:
                // compose refuses such a file too, and nothing unread is ever accepted.
                switch key {
                case "volumes":
                    for (name, _, entry) in try value.entries() {
                        everyService += Self.unknownKeys(entry, known: ComposeKeys.topVolume)
                        volumes[name] = try Self.volume(entry, directory: directory)
                    }
                case "networks":
                    for (name, _, entry) in try value.entries() {
                        everyService += Self.unknownKeys(entry, known: ComposeKeys.topNetwork)
                        networks[name] = try Self.network(name, entry)
                    }
                case "secrets":
                    for (name, _, entry) in try value.entries() {
                        everyService += Self.unknownKeys(entry, known: ComposeKeys.topSecret)
                        secrets[name] = try Self.fileSource(entry, directory: directory)
                    }
                case "configs":
                    for (name, _, entry) in try value.entries() {
                        everyService += Self.unknownKeys(entry, known: ComposeKeys.topConfig)
                        configs[name] = try Self.fileSource(entry, directory: directory)
                    }
                default: break
                }
            }
        }
    }

    /// Keys of `reader` outside `known` (and not `x-`), each as not understood.
    static func unknownKeys(_ reader: StrictReader, known: Set<String>) -> [Unread] {
        (reader.node.objectMembers ?? []).compactMap { member in
            known.contains(member.key) || ComposeKeys.isExtension(member.key) ? nil
                : Unread(message: "\(StrictReader.render(reader.path + [member.key])): not a compose key harden knows here; compose gives it a meaning harden has not checked, so remove it", location: member.keyLocation)
        }
    }

    /// A local volume mounts `device` with type `type` and options `o` (moby volume/local): with
    /// `bind` among the options, or a device that is a path, that is a host path in the container.
    /// compose resolves a relative device against the compose file only for `driver: local` with
    /// `o: bind` exactly (compose-go paths/resolve.go); otherwise dockerd receives it as written and
    /// resolves it from its own working directory, `/`.
    static func volume(_ entry: StrictReader, directory: String) throws(HardenError) -> Volume {
        guard entry.node.objectMembers != nil else { return Volume() }
        var volume = Volume()
        if let external = entry.child("external") { _ = try external.node.objectMembers != nil ? true : external.composeBool() }
        let driver = try entry.child("driver")?.string()
        guard let options = entry.child("driver_opts") else { return volume }
        let pairs = try options.entries()
        guard driver == nil || driver == "local" else {
            volume.unread.append(Unread(message: "\(options.keyPath): options of the volume driver \"\(driver!)\", which decides what they mount; harden cannot judge them", location: options.node.location))
            return volume
        }
        var values: [String: String] = [:]
        for (key, keyLocation, value) in pairs {
            if case .null = value.node.kind { continue }  // a variable: refused as such
            guard ComposeKeys.localVolumeOptions.contains(key) else {
                volume.unread.append(Unread(message: "\(StrictReader.render(options.path + [key])): not an option of the local volume driver (type, o, device, size)", location: keyLocation))
                continue
            }
            values[key] = try value.scalarText()
        }
        if MountSpec.localVolumeLayersHostDirectories(type: values["type"], options: values["o"]) {
            volume.unread.append(Unread(message: "\(options.keyPath): an overlay volume layers host directories (lowerdir, upperdir) into the container, which harden does not judge; bind the directory instead", location: options.node.location))
            return volume
        }
        guard let device = values["device"] else { return volume }
        let mountOptions = (values["o"] ?? "").split(separator: ",").map { String($0).trimmingWhitespace(newlines: true).lowercased() }
        let binds = mountOptions.contains("bind") || mountOptions.contains("rbind")
        guard binds || device.hasPrefix("/") else { return volume }
        if device.hasPrefix("/") {
            volume.hostPath = device
        } else if driver == "local" && values["o"] == "bind" {
            volume.hostPath = hostPath(device, directory: directory)
        } else {
            volume.hostPath = "/" + device
        }
        return volume
    }

    /// docker's network named `host` is the host's own stack. compose joins it when a network
    /// entry's engine name is `host`: `external: true` uses it, and without `external` compose finds
    /// the existing network, warns that compose did not create it, and uses it all the same. A
    /// `driver: host` network compose would create fails in dockerd (one host network only), and is
    /// judged as the host network it asks for.
    static func network(_ key: String, _ entry: StrictReader) throws(HardenError) -> Network {
        guard entry.node.objectMembers != nil else { return Network(isHost: key == "host") }
        var network = Network()
        for flag in ["external", "internal", "attachable", "enable_ipv4", "enable_ipv6"] {
            if let value = entry.child(flag), !(flag == "external" && value.node.objectMembers != nil) { _ = try value.composeBool() }
        }
        var name = try entry.child("name")?.string()
        if name == nil, let external = entry.child("external"), external.node.objectMembers != nil {
            name = try external.child("name")?.string()  // the deprecated external.name
        }
        let driver = try entry.child("driver")?.string()
        network.isHost = (name ?? key) == "host" || driver == "host"
        if entry.child("external") == nil, let flag = entry.child("internal") { network.isInternal = try flag.composeBool() }
        return network
    }

    static func fileSource(_ entry: StrictReader, directory: String) throws(HardenError) -> FileSource {
        guard entry.node.objectMembers != nil else { return FileSource() }
        var source = FileSource()
        if let external = entry.child("external"), external.node.objectMembers == nil { _ = try external.composeBool() }
        if let file = try entry.child("file")?.string() {
            source.file = ComposeTopLevel.hostPath(file, directory: directory)
        }
        return source
    }

    /// compose-go's maybeUnixPath: an absolute path stays, anything else joins the compose file's
    /// directory. `~` (the home of whoever runs compose) is kept for the validator, which reads it from `/`.
    static func hostPath(_ path: String, directory: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix("~") { return path }
        // filepath.Join cleans the result lexically, so `lnk/..` is folded before any link is followed, as compose does.
        if directory.hasPrefix("/") { return SecretFiles.absolute(path, currentDirectory: directory) }
        if path.isEmpty { return directory }
        return directory + "/" + path
    }
}
