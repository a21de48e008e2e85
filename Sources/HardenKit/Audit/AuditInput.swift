import FoundationEssentials

/// Tells audited files apart by content and reads each into launches.
public enum AuditInput {
    /// An OCI config.json, a compose file in JSON, or Kubernetes manifests in JSON or YAML; which one is
    /// decided by what it holds.
    public static func read(file: String, text: String) throws(HardenError) -> [AuditedLaunch] {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            if let launches = try KubernetesYAML.read(file: file, text: text) { return launches }
            let yaml = text.contains("services:") ? "; a compose file in YAML must first go through `docker compose config --format json`" : ""
            throw .input("\(file):\(error.location.line):\(error.location.column): not JSON: \(error.message)\(yaml); for docker run command lines use --file")
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

    /// `document`: a JSON document, held to `UTF8Text.documentLimit`; a list of docker run lines is
    /// read line by line and may be as long as the audit needs.
    static func text(of path: String, currentDirectory: String, document: Bool = true) throws(HardenError) -> String {
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
