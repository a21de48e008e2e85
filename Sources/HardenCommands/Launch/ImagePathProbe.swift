import FoundationEssentials
import HardenFormats
import HardenModel

/// Asks the engine what an image holds at the targets of the named volumes a launch is about to
/// create, so `harden run` can say beforehand that the profile's user will not be able to write
/// one (see `VolumeOwnership`). Only volumes that do not exist yet are asked about: an existing
/// volume keeps whatever owner it has, and the image no longer matters. The container made to
/// read the image is created, never started, and removed.
enum ImagePathProbe {
    static func warnings(_ plan: LaunchPlan, engine executable: String, environment: [String: String]) -> [String] {
        let fresh = VolumeOwnership.candidates(plan).filter { mount in
            // Exit 0: the volume exists. Anything else, including no answer, is treated as new.
            CommandRunner.run(executable, ["volume", "inspect", mount.source ?? ""], environment: environment)?.status != 0
        }
        guard !fresh.isEmpty else { return [] }
        // --pull never: a probe must not download the image; without it there is nothing to read.
        guard let created = CommandRunner.run(
                executable, ["create", "--pull", "never", "--entrypoint", "harden-volume-probe", "--", plan.image], environment: environment),
              created.status == 0,
              let container = created.stdout.split(whereSeparator: \.isNewline).last.map(String.init), !container.isEmpty
        else { return [] }
        defer { _ = CommandRunner.run(executable, ["rm", "-f", container], environment: environment) }
        var states: [String: VolumeOwnership.TargetState] = [:]
        for mount in fresh where states[mount.target] == nil {
            guard let copied = CommandRunner.runBytes(executable, ["cp", container + ":" + mount.target, "-"], environment: environment) else { continue }
            if copied.status == 0 {
                if let state = firstEntry(copied.stdout) { states[mount.target] = state }
            } else if ["could not find", "no such file", "no such container:path"].contains(where: copied.stderr.lowercased().contains) {
                states[mount.target] = .missing
            }
        }
        var probed = plan
        probed.mounts = fresh
        return VolumeOwnership.warnings(probed) { states[$0.target] }
    }

    /// Owner and mode of the first entry of a tar stream (ustar, GNU or PAX, as Go's archive/tar
    /// writes for `docker cp`), skipping PAX extended headers; nil when it cannot be read.
    static func firstEntry(_ bytes: [UInt8]) -> VolumeOwnership.TargetState? {
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<(offset + 512)]
            guard let size = octal(header, 124, 12) else { return nil }
            let type = header[offset + 156]
            if type == UInt8(ascii: "x") || type == UInt8(ascii: "g") {
                offset += 512 + (size + 511) / 512 * 512
                continue
            }
            guard let mode = octal(header, 100, 8), let uid = octal(header, 108, 8), let gid = octal(header, 116, 8) else { return nil }
            return .present(uid: uid, gid: gid, mode: mode & 0o7777)
        }
        return nil
    }

    /// A tar number field: octal digits, padded with spaces or NULs.
    static func octal(_ header: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> Int? {
        let first = header.startIndex + start
        let digits = header[first..<(first + length)].filter { $0 != 0 && $0 != UInt8(ascii: " ") }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }) else { return digits.isEmpty ? 0 : nil }
        return Int(String(decoding: digits, as: UTF8.self), radix: 8)
    }
}
