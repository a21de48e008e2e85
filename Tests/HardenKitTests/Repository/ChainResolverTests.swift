import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

/// `validate` keeps only a window of recent merges; what it resolves must not depend on the window.
@Suite("Resolving many chains with merges kept")
struct ChainResolverTests {
    /// Chains `cN-0` ← `cN-1` ← … each on the built-in worker, every link setting something of its own.
    static func sources(chains: Int, depth: Int) -> [ProfileSource] {
        var sources: [ProfileSource] = []
        for chain in 0..<chains {
            for level in 0..<depth {
                let parent = level == 0 ? "worker" : "c\(chain)-\(level - 1)"
                // Each link adds a tmpfs and removes its parent's, so merges add, replace and remove.
                let removed = level == 0 ? "" : ", \"/var/tmp/l\(level - 1)\": null"
                let text = """
                {"extends": "\(parent)", "description": "chain \(chain) level \(level)",
                 "resources": {"pids": \(64 + level), "memory": "\(128 + chain)m"},
                 "tmpfs": {"/var/tmp/l\(level)": {"size": "\(level + 1)m"}\(removed)}}
                """
                sources.append(ProfileSource(name: "c\(chain)-\(level)", location: "/repo/c\(chain)-\(level).json", text: text, rank: 0))
            }
        }
        return sources + BuiltinProfiles.sources
    }

    @Test("a window of any size resolves every profile as resolving it alone does", arguments: [1, 2, 5, 64])
    func window(capacity: Int) throws {
        let sources = Self.sources(chains: 12, depth: 5)
        let repository = ProfileRepository(searchPath: SearchPath(entries: []), builtins: [])
        let windowed = ChainResolver(sources: sources)
        windowed.capacity = capacity
        for source in sources where !source.isBuiltin {
            let alone = try repository.resolve(source, in: sources)
            let kept = try repository.resolve(source, using: windowed)
            #expect(kept.profile == alone.profile, "\(source.name)")
            #expect(kept.merged == alone.merged, "\(source.name)")
            #expect(kept.provenance == alone.provenance, "\(source.name)")
            #expect(kept.chain.map(\.location) == alone.chain.map(\.location), "\(source.name)")
        }
    }
}
