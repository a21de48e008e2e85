import HardenModel
/// Values as compose-go converts them (loader/mapstructure.go `cast`, loader/interpolate.go
/// `toBoolean`): a string in a boolean field is compared case-insensitively, and anything else is
/// an error compose stops on.
extension StrictReader {
    func composeBool() throws(HardenError) -> Bool {
        if let value = node.boolValue { return value }
        guard let text = node.stringValue else { throw error("expected true or false, found \(node.typeName)") }
        switch text.lowercased() {
        case "true", "y", "yes", "on": return true
        case "false", "n", "no", "off": return false
        default: throw error("\"\(text)\" is not a boolean compose reads; write true or false")
        }
    }
}
