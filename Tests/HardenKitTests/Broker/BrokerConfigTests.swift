import Testing
@testable import HardenFormats
@testable import HardenModel

@Suite("broker configuration")
struct BrokerConfigTests {
    static func request(_ text: String) throws -> BrokerRequest { try BrokerRequest.parse(text, shown: "argument 2") }

    /// Whether the generated routes let METHOD PATH through, read as HAProxy reads the allow lines
    /// (the refusals before them are exercised against the real HAProxy by the e2e case).
    static func allows(_ sections: String, _ method: String, _ path: String) throws -> Bool {
        let request = try request(sections)
        for grant in request.grants {
            for route in grant.section.read + (grant.write ? grant.section.write : []) where route.methods.contains(method) {
                let regex = try Regex(BrokerConfig.regex(route.path))
                if path.wholeMatch(of: regex) != nil { return true }
            }
        }
        return false
    }

    @Test("sections are kept in the table's order, so one set has one spelling and one configuration")
    func canonical() throws {
        let a = try Self.request("events,images:write,containers")
        let b = try Self.request("containers,events,images:write")
        #expect(a.spelling == "containers,events,images:write")
        #expect(BrokerConfig.text(for: a) == BrokerConfig.text(for: b))
        #expect(BrokerConfig.text(forLabel: "containers,events,images:write") == BrokerConfig.text(for: a))
        // A label that is not the canonical spelling is not one harden writes.
        #expect(BrokerConfig.text(forLabel: "events,containers") == nil)
        #expect(BrokerConfig.text(forLabel: "containers,bogus") == nil)
    }

    @Test("a section list that does not read is refused, naming the section and the fix", arguments: [
        ("containrs", "argument 2: \"containrs\" is not a broker section (SECTION or SECTION:write); did you mean \"containers\"?"),
        ("containers,,events", "argument 2: an empty section in \"containers,,events\""),
        ("events,events:write", "argument 2: the section events is named twice"),
        ("events:write", "argument 2: events has no calls that change anything; write events without :write"),
        ("build", "argument 2: build has no read-only calls; write build:write if the client really needs it"),
    ])
    func refused(text: String, message: String) {
        #expect {
            try Self.request(text)
        } throws: { error in
            (error as? HardenError)?.message.hasPrefix(message) == true
        }
    }

    @Test("read-only sections allow GET and HEAD of their paths, with or without a version prefix, and nothing else", arguments: [
        ("containers", "GET", "/containers/json", true),
        ("containers", "HEAD", "/v1.41/containers/json", true),
        ("containers", "GET", "/containers/abc_1.x-y/logs", true),
        ("containers", "POST", "/containers/create", false),
        ("containers", "GET", "/containers/abc/archive", false),
        ("containers", "GET", "/containers/abc/attach/ws", false),
        ("containers", "POST", "/containers/abc/exec", false),
        ("containers", "GET", "/CONTAINERS/json", false),
        ("containers", "GET", "/containers/json/", false),
        ("containers", "GET", "/vX/containers/json", false),
        ("containers", "GET", "/images/json", false),
        ("containers,events", "GET", "/v1.24/events", true),
        ("containers:write", "POST", "/containers/create", true),
        ("containers:write", "DELETE", "/containers/abc", true),
        ("images", "GET", "/images/ghcr.io/acme/app:1/json", true),
        ("images", "POST", "/images/create", false),
        ("images:write", "POST", "/images/create", true),
        ("exec:write", "POST", "/exec/abc/start", true),
        ("ping", "HEAD", "/_ping", true),
        ("ping", "GET", "/_ping/../containers/json", false),
    ])
    func routes(sections: String, method: String, path: String, allowed: Bool) throws {
        #expect(try Self.allows(sections, method, path) == allowed, "\(sections): \(method) \(path)")
    }

    @Test("the configuration refuses smuggling, overrides, encodings and upgrades before any allow")
    func refusalsComeFirst() throws {
        let text = BrokerConfig.text(for: try Self.request("containers,events"))
        let lines = text.split(separator: "\n").map(String.init)
        let firstAllow = try #require(lines.firstIndex { $0.contains("http-request allow") })
        for refusal in ["unless { req.ver 1.1 }", "x-http-method-override", "{ req.hdr_cnt(transfer-encoding) gt 0 } { req.hdr_cnt(content-length) gt 0 }",
                        "path -m sub % .. // /./", "hdr_sub(connection) -i upgrade", "req.hdr_cnt(upgrade) gt 0", "option disable-h2-upgrade"] {
            let index = try #require(lines.firstIndex { $0.contains(refusal) }, "missing: \(refusal)")
            #expect(index < firstAllow, "\(refusal) comes after an allow")
        }
        #expect(lines.last == "    server engine /var/run/docker.sock")
        #expect(lines.contains("    http-request deny deny_status 403"))
        #expect(!text.contains("POST"), "a read-only configuration allows no POST")
        #expect(!text.contains("upgrade_path"), "no hijacked call without exec or attach")
    }

    @Test("exec and attach, asked for, are the only paths that may upgrade, and are warned about")
    func hijacked() throws {
        let request = try Self.request("containers,exec:write,attach:write")
        let text = BrokerConfig.text(for: request)
        let upgrades = text.split(separator: "\n").filter { $0.contains("acl upgrade_path") }
        #expect(upgrades.count == 3)
        #expect(upgrades.allSatisfy { $0.contains("/exec/") || $0.contains("/attach") })
        #expect(request.warnings.count == 2)
        #expect(request.warnings[0].hasPrefix("exec:write: exec runs commands inside any container"))
        #expect(try Self.request("containers:write").warnings == [BrokerSectionTable.containersWriteWarning])
        #expect(try Self.request("containers,events,info").warnings.isEmpty)
    }

    @Test("every section of the vocabulary exists once, and every path it names reads as a route")
    func vocabulary() throws {
        let names = BrokerSectionTable.sections.map(\.name)
        #expect(Set(names).count == names.count)
        for name in ["containers", "events", "images", "info", "networks", "ping", "version", "services", "tasks", "volumes", "exec", "build",
                     "secrets", "plugins", "system", "session", "swarm", "configs", "nodes", "distribution", "auth", "commit", "grpc"] {
            #expect(names.contains(name), "missing \(name)")
        }
        for section in BrokerSectionTable.sections {
            #expect(!(section.read + section.write).isEmpty, "\(section.name) allows nothing")
            for route in section.read { #expect(Set(route.methods).isSubset(of: ["GET", "HEAD"]), "\(section.name) reads with \(route.methods)") }
            for route in section.read + section.write { _ = try Regex(BrokerConfig.regex(route.path)) }
        }
    }
}

@Suite("broker section lists: any input reads or is refused, never half-read")
struct BrokerRequestPropertyTests {
    static let words = ["containers", "events", "images", "exec", "attach", "build", "ping", ":write", ",", "", "Containers", "events:write",
                        "containers:WRITE", " ", "containers:write:write", "ping,", ",ping", "é", "\u{0}", "swarm"]

    @Test("every spelling that reads has one canonical spelling, which reads back to itself and to one configuration")
    func roundTrip() {
        var generator = SplitMix64(seed: 22)
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...5, using: &generator)).map { _ in Self.words.randomElement(using: &generator)! }.joined()
            guard let request = try? BrokerRequest.parse(text, shown: "x") else {
                #expect(BrokerConfig.text(forLabel: text) == nil, "\(text)")
                continue
            }
            let again = try? BrokerRequest.parse(request.spelling, shown: "x")
            #expect(again == request, "\(text)")
            #expect(BrokerConfig.text(forLabel: request.spelling) == BrokerConfig.text(for: request), "\(text)")
            #expect(!request.grants.isEmpty)
        }
    }
}
