// swift-tools-version:6.0
import PackageDescription

// Foundation only, on purpose: a security tool with no supply chain.
let package = Package(
    name: "harden",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "harden", targets: ["harden"]),
        .library(name: "HardenKit", targets: ["HardenModel", "HardenKit"]),
    ],
    targets: [
        // The plan, profiles, policy and the rules that judge a plan: no engine's syntax, no I/O
        // of their own (host facts come in as parameters). See docs/architecture.md.
        .target(name: "HardenModel"),
        // Readers and emitters of every engine's formats, and the commands.
        .target(name: "HardenKit", dependencies: ["HardenModel"]),
        .executableTarget(name: "harden", dependencies: ["HardenKit"]),
        .testTarget(name: "HardenKitTests", dependencies: ["HardenModel", "HardenKit"], exclude: ["Golden", "Fixtures"]),
    ]
)
