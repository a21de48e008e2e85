import HardenModel
/// Which of compose's two volume syntaxes a mount is written in. The short one (`SOURCE:TARGET:MODE`)
/// is what people write and what the golden files hold, but compose reads it with its own grammar
/// (`ComposeShortVolume`, after replacing `$$` by `$`): a `:` in a path splits it elsewhere, a
/// source starting with `.` or `~` becomes a bind, one letter and a colon is a Windows drive, `${`
/// hides colons. So the short spelling is written only when compose's reading of it is exactly
/// the mount, and only for paths made of characters no reader treats specially; anything else is
/// the long syntax, where each path is one YAML string.
package enum ComposeVolumeSyntax {
    static func entry(_ mount: LaunchPlan.Mount) -> ComposeService.Volume {
        let spelling = DockerArguments.volumeSpelling(mount)
        if isPlain(mount), reads(spelling, as: mount) { return .short(ComposeConversion.literal(spelling)) }
        return .long(ComposeService.LongVolume(
            type: mount.kind.rawValue, source: mount.source.map(ComposeConversion.literal), target: ComposeConversion.literal(mount.target),
            readOnly: mount.readOnly ? true : nil, propagation: mount.kind == .bind ? mount.propagation : nil,
            selinux: mount.kind == .bind ? mount.flags.last { $0 == "z" || $0 == "Z" } : nil,
            nocopy: mount.kind == .volume && mount.flags.contains("nocopy") ? true : nil))
    }

    /// Letters, digits and `/._-@+` only: nothing YAML, compose's interpolation or its volume grammar reads.
    static func isPlain(_ mount: LaunchPlan.Mount) -> Bool {
        func plain(_ text: String) -> Bool {
            !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._-@+".unicodeScalars.contains(scalar))
            }
        }
        return plain(mount.target) && (mount.source.map(plain) ?? true)
    }

    /// compose's reading of the short spelling is the mount: the same source, target, kind, mode and propagation.
    static func reads(_ spelling: String, as mount: LaunchPlan.Mount) -> Bool {
        guard case .success(let read) = ComposeShortVolume.parse(spelling) else { return false }
        return read.source == mount.source && read.target == mount.target && read.readOnly == mount.readOnly
            && read.isBind == (mount.kind == .bind) && read.propagation == mount.propagation
    }
}
