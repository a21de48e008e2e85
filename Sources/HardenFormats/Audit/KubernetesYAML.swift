import HardenModel
/// Kubernetes manifests as users keep them: a YAML stream of one or more documents, each an object
/// with apiVersion and kind. The YAML reader gives the same positioned tree as JSON, so findings
/// point at the YAML's own lines; what kubectl's YAML (1.1, go-yaml v2) reads otherwise than YAML
/// 1.2 is handled where it matters: booleans in `KubernetesValues`, and tags refused here.
package enum KubernetesYAML {
    /// The launches of a YAML manifest stream; nil when the text is no such stream (it is left to
    /// the caller's message), an error when it looks like one and is not well-formed.
    static func read(file: String, text: String) throws(HardenError) -> [AuditedLaunch]? {
        // Only a file that shows a manifest's top-level keys is read as YAML: anything else keeps
        // the JSON reader's message, and pays for no second parse.
        guard looksLikeManifest(text) else { return nil }
        if let location = mergeKey(text) {
            throw .input("\(file):\(location.line):\(location.column): a << merge key, which kubectl's YAML (go-yaml v2) applies over keys written before it and YAML 1.2 does not, so the two disagree on what the object says; write the keys out")
        }
        if let (location, scalar) = nonPrintable(text) {
            throw .input("\(file):\(location.line):\(location.column): control character U+\(String(scalar.value, radix: 16, uppercase: true)) is not YAML text (YAML allows tab, line feed and carriage return only); remove it, or write it as an escape in a double-quoted string")
        }
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader.load(text)
        } catch {
            throw .input("\(file):\(error.location.line):\(error.location.column): not a YAML manifest: \(HardenError.oneLine(error.message))")
        }
        let roots = documents.map(\.root).filter { if case .null = $0.kind { false } else { true } }
        guard !roots.isEmpty, roots.allSatisfy(KubernetesManifestReader.isManifest) else {
            guard let odd = roots.first(where: { !KubernetesManifestReader.isManifest($0) }), roots.contains(where: KubernetesManifestReader.isManifest) else { return nil }
            throw .input("\(file):\(odd.location.line):\(odd.location.column): this document of the manifest stream has no apiVersion and kind; every document of a manifest file is a Kubernetes object")
        }
        for document in documents {
            // go-yaml v2 and YAML 1.2 disagree on what a custom tag makes of a value; kubectl refuses most.
            if let first = document.tags.min(by: { ($0.key.line, $0.key.column) < ($1.key.line, $1.key.column) }) {
                let (location, tag) = (first.key, first.value)
                throw .input("\(file):\(location.line):\(location.column): the tag \(tag) is not one Kubernetes manifests use; remove it and write the plain value")
            }
            if let location = document.nonStringKeys.min(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
                throw .input("\(file):\(location.line):\(location.column): a key that is not a string (kubectl's YAML turns it into text another way than YAML 1.2 does); quote the key")
            }
        }
        return try KubernetesManifestReader.read(documents: roots, file: file)
    }

    /// The first character YAML's printable set leaves out (C0 controls but tab, LF and CR, and
    /// DEL), with where it is. Checked before the YAML reader sees the text: a NUL inside a quoted
    /// scalar kept it scanning for ever (found by FuzzKubernetes).
    static func nonPrintable(_ text: String) -> (SourceLocation, Unicode.Scalar)? {
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; column = 1; continue }
            if (scalar.value < 0x20 && scalar != "\t" && scalar != "\r") || scalar.value == 0x7F {
                return (SourceLocation(line: line, column: column), scalar)
            }
            column += 1
        }
        return nil
    }

    /// Where a `<<` key is written, if one is: go-yaml v2's decoder merges the mapping into the one
    /// being built, so a merged key overrides an explicit key before it (`privileged: false` then
    /// `<<: {privileged: true}` is privileged to kubectl), where YAML 1.2 keeps the explicit key.
    /// Text inside a scalar that looks like one is refused too: never looser.
    static func mergeKey(_ text: String) -> SourceLocation? {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            var index = 0
            while index + 1 < scalars.count {
                defer { index += 1 }
                guard scalars[index] == "<", scalars[index + 1] == "<", index == 0 || " \t{,-?".unicodeScalars.contains(scalars[index - 1]) else { continue }
                var next = index + 2
                while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
                if next < scalars.count, scalars[next] == ":" { return SourceLocation(line: number + 1, column: index + 1) }
            }
        }
        return nil
    }

    /// Top-level `apiVersion:` and `kind:` keys in block style, as manifests are written (a
    /// flow-style `{apiVersion: …}` document is not taken for one).
    static func looksLikeManifest(_ text: String) -> Bool {
        var apiVersion = false, kind = false
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("apiVersion:") { apiVersion = true }
            if line.hasPrefix("kind:") { kind = true }
            if apiVersion && kind { return true }
        }
        return false
    }
}
