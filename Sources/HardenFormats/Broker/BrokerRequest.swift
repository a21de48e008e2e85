import HardenModel

/// The sections a broker allows, as `harden broker` and the `io.harden.broker` label spell them:
/// `containers,events,images:write`. Kept in the table's order, so one set has one spelling and
/// one generated configuration.
public struct BrokerRequest: Sendable, Equatable {
    public struct Grant: Sendable, Equatable {
        public var section: BrokerSectionTable.Section
        public var write: Bool
        public var spelling: String { write ? section.name + ":write" : section.name }
    }

    public private(set) var grants: [Grant]

    /// The canonical spelling, which the label records.
    public var spelling: String { grants.map(\.spelling).joined(separator: ",") }

    /// What naming these sections hands out beyond their names, one line each.
    public var warnings: [String] {
        grants.compactMap { grant in
            if grant.section.name == "containers", grant.write { return BrokerSectionTable.containersWriteWarning }
            return grant.section.warning.map { "\(grant.spelling): \($0)" }
        }
    }

    /// Reads `SECTION[:write],...`; `shown` names the input in messages (`argument 2`, a label).
    public static func parse(_ text: String, shown: String) throws(HardenError) -> BrokerRequest {
        var chosen: [String: Bool] = [:]
        let names = BrokerSectionTable.sections.map(\.name)
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            var name = item
            var write = false
            if item.hasSuffix(":write") { name = String(item.dropLast(6)); write = true }
            guard let section = BrokerSectionTable.section(named: name) else {
                if item.isEmpty { throw .input("\(shown): an empty section in \"\(text)\"; write sections separated by single commas, such as containers,events") }
                let hint = StrictReader.nearest(name, in: names).map { "did you mean \"\($0)\"?" } ?? "the sections are \(names.joined(separator: ", "))"
                throw .input("\(shown): \"\(item)\" is not a broker section (SECTION or SECTION:write); \(hint)")
            }
            if chosen[name] != nil { throw .input("\(shown): the section \(name) is named twice in \"\(text)\"; name each once, with :write if it needs to change anything") }
            if write, section.write.isEmpty { throw .input("\(shown): \(name) has no calls that change anything; write \(name) without :write") }
            if !write, section.read.isEmpty { throw .input("\(shown): \(name) has no read-only calls; write \(name):write if the client really needs it") }
            chosen[name] = write
        }
        return BrokerRequest(grants: BrokerSectionTable.sections.compactMap { section in
            chosen[section.name].map { Grant(section: section, write: $0) }
        })
    }
}
