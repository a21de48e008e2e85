import FoundationEssentials
import HardenModel

/// Tells audited files apart by content and reads each into launches.
public enum AuditInput {
    /// An OCI config.json, a compose file in JSON or as written in YAML, or Kubernetes manifests in
    /// JSON or YAML; which one is decided by what it holds. JSON is read as JSON (its errors stay
    /// JSON's); anything else not JSON is YAML.
    public static func read(file: String, text: String) throws(HardenError) -> [AuditedLaunch] {
        try read(file: file, text: text, compose: ComposeYAML.Context())
    }

    package static func read(file: String, text: String, compose: ComposeYAML.Context) throws(HardenError) -> [AuditedLaunch] {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            if let launches = try KubernetesYAML.read(file: file, text: text) { return launches }
            if !file.hasSuffix(".json"), !startsLikeJSON(text) || file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                return try readYAML(file: file, text: text, compose: compose)
            }
            throw .input("\(file):\(error.location.line):\(error.location.column): not JSON: \(error.message); for docker run command lines use --file")
        }
        if file.hasSuffix(".yaml") || file.hasSuffix(".yml"), root["services"] != nil {
            // JSON is YAML too: a compose file named .yaml gets compose's reading as written.
            return try readYAML(file: file, text: text, compose: compose)
        }
        guard root.objectMembers != nil else {
            throw .input("\(file):\(root.location.line):\(root.location.column): expected a JSON object (an OCI config or a compose file), found \(root.typeName)")
        }
        if root["ociVersion"] != nil || (root["process"] != nil && root["root"] != nil) {
            return [try OCIConfigReader.read(root, file: file)]
        }
        if root["services"] != nil {
            return try ComposeReader.read(root, file: file)
        }
        if KubernetesManifestReader.isManifest(root) {
            return try KubernetesManifestReader.read(documents: [root], file: file)
        }
        throw .input("\(file):\(root.location.line):\(root.location.column): neither an OCI config (no \"ociVersion\"), a compose file (no \"services\") nor a Kubernetes manifest (no \"apiVersion\" and \"kind\"); for docker run command lines use --file")
    }

    static func startsLikeJSON(_ text: String) -> Bool {
        let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    static func readYAML(file: String, text: String, compose: ComposeYAML.Context) throws(HardenError) -> [AuditedLaunch] {
        let document = try ComposeYAML.load(text, file: file)
        let root = document.root
        guard root.objectMembers != nil else {
            throw .input("\(file):\(root.location.line):\(root.location.column): expected a mapping (a compose file with services:), found \(root.typeName == "array" ? "a sequence" : "a " + root.typeName); fix: check that this is the compose file, or for docker run command lines use --file")
        }
        guard root["services"] != nil else {
            throw .input("\(file):\(root.location.line):\(root.location.column): not a compose file (no \"services\"); fix: check the file, or for docker run command lines use --file")
        }
        return try ComposeYAML.read(file: file, root: document, context: compose)
    }

    /// `document`: a JSON document, held to `UTF8Text.documentLimit`; a list of docker run lines is
    /// read line by line and may be as long as the audit needs.
    package static func text(of path: String, currentDirectory: String, document: Bool = true) throws(HardenError) -> String {
        let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        if document {
            guard let text = try UTF8Text.readDocument(absolute, shown: path) else { throw .input("\(path): cannot read the file; check the path") }
            return text
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw .input("\(path): cannot read the file; check the path")
        }
        return try UTF8Text.decode(data, file: path)
    }
}
